/**
 * Tunes reciprocal-rank fusion (the RRF constant, the weight of each side, the candidates each
 * side fetches) on the fit half of the covered labelled questions and reports the held-out
 * half beside full text alone and vectors alone, so hybrid's default has to earn its place.
 *
 * Usage: npx tsx bench/tune-fusion.ts [--db URI]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ExtractiveDrafter } from '../src/engine/draft/extractive-drafter.js';
import { createEngine } from '../src/engine/index.js';
import { defaultFusion, type FusionOptions } from '../src/engine/retrieve/fuse-rankings.js';
import type { SearchMode } from '../src/engine/retrieve/search-threads.js';
import { expectsNoAnswer } from '../src/eval/labelled-questions.js';
import { runEval } from '../src/eval/run-eval.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import { splitLabelledQuestions } from './labelled-split.js';
import { ingestSharedCorpus } from './shared-corpus-index.js';

const { values: args } = parseArgs({ options: { db: { type: 'string' } } });
const embedder = new HashingEmbeddings().asEmbedder();
const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-tune-fusion-'));
try {
  let db = args.db;
  if (!db) {
    db = join(workdir, 'db');
    await ingestSharedCorpus(db, embedder);
  }
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder: embedder.identity });
  const covered = (await splitLabelledQuestions()).filter((question) => !expectsNoAnswer(question));
  const halves = { fit: covered.filter((question) => question.half === 'fit'), heldOut: covered.filter((question) => question.half === 'held-out') };
  const score = async (fusion: FusionOptions, mode: SearchMode, questions: typeof covered) => {
    const engine = createEngine({ index, embeddings: embedder.embeddings, drafter: new ExtractiveDrafter(), minConfidence: 1, fusion });
    return runEval(engine, questions, mode);
  };
  const line = (label: string, report: Awaited<ReturnType<typeof score>>) =>
    `${label}: recall@1 ${report.recallAt1.toFixed(3)} recall@5 ${report.recallAt5.toFixed(3)} MRR ${report.mrr.toFixed(3)}`;

  let best = { fusion: defaultFusion, mrr: (await score(defaultFusion, 'hybrid', halves.fit)).mrr };
  for (const rrfK of [5, 10, 20, 40, 60]) {
    for (const vectorWeight of [0.5, 0.75, 1, 1.5, 2]) {
      for (const depth of [20, 40]) {
        const fusion = { rrfK, textWeight: 1, vectorWeight, depth };
        const { mrr } = await score(fusion, 'hybrid', halves.fit);
        if (mrr > best.mrr + 1e-9) best = { fusion, mrr };
      }
    }
  }
  const out = [`fit half ${halves.fit.length} covered questions, held-out half ${halves.heldOut.length}`, `best on the fit half: ${JSON.stringify(best.fusion)}`];
  for (const [label, fusion, mode] of [
    ['full text only', defaultFusion, 'text'],
    ['vector only', defaultFusion, 'vector'],
    ['hybrid, default', defaultFusion, 'hybrid'],
    ['hybrid, best on fit half', best.fusion, 'hybrid'],
  ] as const) {
    out.push(line(`${label} (fit)`, await score(fusion, mode, halves.fit)), line(`${label} (held-out)`, await score(fusion, mode, halves.heldOut)));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  index.close();
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
