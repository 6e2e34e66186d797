import { runIngest } from '../ingest/index.js';
import { createEngine } from '../src/engine/index.js';
import { ExtractiveDrafter } from '../src/engine/draft/extractive-drafter.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import { readLabelledQuestions, runEval } from '../src/eval/run-eval.js';
const qs = await readLabelledQuestions('/work/shared/eval/dev-questions.jsonl');
const extra = [
  { question: 'the mac crashes when it goes to sleep, which kext is to blame?', relevant: ['771812', '817993'], relevantTitles: [], line: 0 },
  { question: 'Can I write a USB driver for iPhone with DriverKit?', relevant: [], relevantTitles: ['IOS alternatives to DriverKit', 'Custom USB Network Device Driver on iPhone'], line: 0 },
  { question: 'my virtual serial port driver: where to begin with SerialDriverKit', relevant: ['721543', '773636', '678938'], relevantTitles: [], line: 0 },
];
for (const dims of [512, 1024]) {
  const e = new HashingEmbeddings({ dimensions: dims });
  const db = `/tmp/exp-${dims}`;
  await runIngest({ paths: ['/work/shared/corpus/apple-forums-threads.jsonl', '/work/main/ingest/corpus'], db, embeddings: e, embedder: { id: e.modelId, dimension: dims }, rebuild: true });
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder: { id: e.modelId, dimension: dims } });
  for (const rrfK of [10, 20, 60]) for (const vw of [0.5, 0.75, 1]) {
    const engine = createEngine({ index, embeddings: e, drafter: new ExtractiveDrafter(), minConfidence: 0.4, fusion: { rrfK, textWeight: 1, vectorWeight: vw } });
    const r = [];
    for (const mode of ['text', 'vector', 'hybrid'] as const) { const x = await runEval(engine, [...qs, ...extra], mode); r.push(`${mode} ${x.recallAt1.toFixed(2)}/${x.recallAt5.toFixed(2)}/${x.mrr.toFixed(3)}`); }
    console.log(dims, rrfK, vw, r.join('  '));
  }
  index.close();
}
