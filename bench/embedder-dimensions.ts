/**
 * Why the offline embedder hashes into 1,024 dimensions: ingests the shared threads and the
 * bundled listing once per vector length and scores retrieval on the labelled questions, by
 * search method. Usage: npm run build && node --import tsx bench/embedder-dimensions.ts [DIM ...]
 * (default 512 1024). Needs ../shared beside the project.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaults } from '../src/config/defaults.js';
import { ExtractiveDrafter } from '../src/engine/draft/extractive-drafter.js';
import { createEngine } from '../src/engine/index.js';
import type { SearchMode } from '../src/engine/retrieve/search-threads.js';
import { readLabelledQuestions, runEval } from '../src/eval/run-eval.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import { projectRoot } from './paths.js';
import { ingestSharedCorpus } from './shared-corpus-index.js';

const dimensions = process.argv.slice(2).map(Number).filter((value) => value > 0);
const questions = {
  dev: await readLabelledQuestions(join(projectRoot, '..', 'shared', 'eval', 'dev-questions.jsonl')),
  paraphrase: await readLabelledQuestions(join(projectRoot, 'test', 'fixtures', 'paraphrase-questions.jsonl')),
};
const modes: SearchMode[] = ['text', 'vector', 'hybrid'];
const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-dimensions-'));
const rows: string[] = ['| dimensions | method | dev recall@5 | dev MRR | paraphrase recall@5 | paraphrase MRR |', '|---|---|---|---|---|---|'];
try {
  for (const size of dimensions.length > 0 ? dimensions : [512, 1024]) {
    const embedder = new HashingEmbeddings({ dimensions: size }).asEmbedder();
    const db = join(workdir, `db-${size}`);
    await ingestSharedCorpus(db, embedder);
    const index = await LanceThreadIndex.openForSearch({ uri: db, embedder: embedder.identity });
    const engine = createEngine({ index, embeddings: embedder.embeddings, drafter: new ExtractiveDrafter(), minConfidence: defaults.minConfidence });
    for (const mode of modes) {
      const dev = await runEval(engine, questions.dev, mode);
      const paraphrase = await runEval(engine, questions.paraphrase, mode);
      const figure = (value: number) => value.toFixed(3);
      rows.push(`| ${size} | ${mode} | ${figure(dev.recallAt5)} | ${figure(dev.mrr)} | ${figure(paraphrase.recallAt5)} | ${figure(paraphrase.mrr)} |`);
    }
    index.close();
  }
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
