/**
 * Fits the confidence gate: asks every labelled question, records the gate features of its
 * best thread, fits a logistic regression on the fit half (bench/labelled-split.ts), picks
 * MIN_CONFIDENCE on the fit half, and reports both halves as `driverdesk eval --answers`
 * would. The held-out figures are the ones to quote.
 *
 * Usage: npx tsx bench/fit-gate.ts [--write] [--verbose] [--db URI] [--held-out-file PATH] [--generic-share S]
 *   --write          write src/engine/gate/gate-weights.ts and the MIN_CONFIDENCE default (defaults.ts, .env.example, README)
 *   --verbose        list every question with its probability and features
 *   --db             an index to use (default: the shared threads and the bundled listing, ingested afresh)
 *   --held-out-file  also write the held-out questions there, for `driverdesk eval PATH --answers`
 *   --generic-share  fit with another GENERIC_SHARE (question-weights.ts); compare the fit half only
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runIngest } from '../ingest/index.js';
import { ExtractiveDrafter } from '../src/engine/draft/extractive-drafter.js';
import type { GateFeatures } from '../src/engine/gate/gate-features.js';
import { coverageProbability, type GateWeights, MODEL_FEATURES, type ModelFeature } from '../src/engine/gate/gate-model.js';
import { createEngine, type GateReport } from '../src/engine/index.js';
import { citedTexts } from '../src/eval/cited-texts.js';
import { expectsNoAnswer } from '../src/eval/labelled-questions.js';
import { type AnswerEvalReport, runAnswerEval } from '../src/eval/run-answer-eval.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { LanceThreadIndex } from '../src/store/lance-thread-index.js';
import { lanceWriterOpener } from '../src/store/lance-thread-writer.js';
import { fitLogistic } from './logistic-regression.js';
import { labelledFiles, type SplitQuestion, splitLabelledQuestions } from './labelled-split.js';
import { benchPaths, projectRoot } from './paths.js';

/**
 * Issue 9's bounds: at most 10% of uncovered questions answered, at least 90% of covered ones.
 * MIN_CONFIDENCE is the threshold that leaves the most room under both on the fit half.
 */
const MAX_UNCOVERED_ANSWERED = 0.1;
const MIN_COVERED_ANSWERED = 0.9;
/** The direction each feature may push confidence: unknown terms only lower it, the others only raise it. */
const FEATURE_SIGNS: Record<ModelFeature, number> = { coverage: 1, unknown: -1, evidence: 1, distinctiveCosine: 1, agreement: 1, margin: 1, symbol: 1 };

const { values: args } = parseArgs({
  options: { write: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, db: { type: 'string' }, 'held-out-file': { type: 'string' }, 'generic-share': { type: 'string' } },
});
const embedder = new HashingEmbeddings().asEmbedder();
const genericShare = args['generic-share'] === undefined ? undefined : Number(args['generic-share']);
if (genericShare !== undefined && !(genericShare > 0 && genericShare <= 1)) throw new Error(`--generic-share must be a number in (0, 1], got ${args['generic-share']}`);
if (genericShare !== undefined && args.write) throw new Error('--generic-share is for comparing; change GENERIC_SHARE in src/engine/gate/question-weights.ts to write with another share');
const workdir = mkdtempSync(join(tmpdir(), 'driverdesk-fit-gate-'));
try {
  let db = args.db;
  if (!db) {
    const { listing, threads } = benchPaths();
    if (!threads) throw new Error('needs ../shared/corpus/apple-forums-threads.jsonl beside the project');
    db = join(workdir, 'db');
    await runIngest({ paths: [threads, listing], openIndex: lanceWriterOpener({ uri: db }), embedder });
  }
  const index = await LanceThreadIndex.openForSearch({ uri: db, embedder: embedder.identity });
  const questions = await splitLabelledQuestions();

  // 1. The features of each question's best thread, as the engine computes them.
  // The engine reports what its gate saw for the question just asked.
  const seen: { report?: GateReport | undefined } = {};
  const observe = createEngine({ index, embeddings: embedder.embeddings, drafter: new ExtractiveDrafter(), minConfidence: 2, ...(genericShare !== undefined && { gateGenericShare: genericShare }), onGate: (report) => (seen.report = report) });
  const examples: Array<{ question: SplitQuestion; features: GateFeatures }> = [];
  for (const question of questions) {
    seen.report = undefined;
    await observe.ask({ question: question.question });
    const features = (seen.report as GateReport | undefined)?.assessment.features[0];
    // No report: nothing to search for (an empty or content-free question), which is never answered.
    if (features) examples.push({ question, features });
  }

  // 2. Fit on the fit half; the threshold from the fit half too. A question about a platform the
  // index does not cover gets 0 by rule (gate-model.ts), so it is left out of the fit.
  const fitHalf = examples.filter((example) => example.question.half === 'fit');
  const modelled = fitHalf.filter((example) => example.features.foreignPlatform === 0);
  const model = fitLogistic(
    modelled.map((example) => MODEL_FEATURES.map((name) => example.features[name])),
    modelled.map((example) => (expectsNoAnswer(example.question) ? 0 : 1)),
    { signs: MODEL_FEATURES.map((name) => FEATURE_SIGNS[name]) },
  );
  const weights: GateWeights = {
    intercept: round(model.intercept),
    coefficients: Object.fromEntries(MODEL_FEATURES.map((name, column) => [name, round(model.coefficients[column] ?? 0)])) as GateWeights['coefficients'],
  };
  const probability = (features: GateFeatures) => coverageProbability(features, weights);
  const answeredShare = (group: typeof examples, threshold: number) => group.filter((example) => probability(example.features) >= threshold).length / group.length;
  const fitCovered = fitHalf.filter((example) => !expectsNoAnswer(example.question));
  const fitUncovered = fitHalf.filter((example) => expectsNoAnswer(example.question));
  let threshold = 0.5;
  let bestRoom = -Infinity;
  for (let step = 1; step < 100; step += 1) {
    const candidate = step / 100;
    const room = Math.min(answeredShare(fitCovered, candidate) - MIN_COVERED_ANSWERED, MAX_UNCOVERED_ANSWERED - answeredShare(fitUncovered, candidate));
    if (room > bestRoom) {
      bestRoom = room;
      threshold = candidate;
    }
  }

  if (args.verbose) {
    // Every question with its probability and features, the uncertain middle last: what to look at when adding a feature.
    const scored = examples.map((example) => ({ example, confidence: probability(example.features) }));
    for (const { example, confidence } of scored.sort((a, b) => Math.abs(b.confidence - threshold) - Math.abs(a.confidence - threshold))) {
      const label = expectsNoAnswer(example.question) ? 'uncovered' : 'covered';
      const features = Object.entries(example.features).map(([name, value]) => `${name} ${value.toFixed(2)}`).join(' ');
      process.stdout.write(`${confidence.toFixed(3)} ${label} ${example.question.half}: ${example.question.question.slice(0, 90)}\n    ${features}\n`);
    }
  }

  // How the choice of MIN_CONFIDENCE trades covered answers against uncovered ones, per half.
  const curve = ['threshold | fit: covered answered, uncovered answered | held-out: covered answered, uncovered answered'];
  for (let step = 6; step <= 19; step += 1) {
    const candidate = step / 20;
    const shares = (half: SplitQuestion['half']) => {
      const inHalf = questions.filter((question) => question.half === half);
      const answered = (covered: boolean) => {
        const group = inHalf.filter((question) => expectsNoAnswer(question) !== covered);
        const passing = examples.filter((example) => group.includes(example.question) && probability(example.features) >= candidate);
        return (passing.length / group.length).toFixed(2);
      };
      return `${answered(true)}, ${answered(false)}`;
    };
    curve.push(`${candidate.toFixed(2)} | ${shares('fit')} | ${shares('held-out')}`);
  }
  process.stdout.write(`${curve.join('\n')}\n`);

  // 3. Each half as `eval --answers` reports it, with the fitted weights and threshold.
  const engine = createEngine({ index, embeddings: embedder.embeddings, drafter: new ExtractiveDrafter(), minConfidence: threshold, gateWeights: weights, ...(genericShare !== undefined && { gateGenericShare: genericShare }), onGate: (report) => (seen.report = report) });
  const reports: Record<SplitQuestion['half'], AnswerEvalReport> = { fit: await evaluate('fit'), 'held-out': await evaluate('held-out') };
  const summary = [
    `labelled files: ${labelledFiles().map((file) => file.replace(`${projectRoot}/`, '')).join(', ')}`,
    `weights: ${JSON.stringify(weights)}`,
    `MIN_CONFIDENCE ${threshold}: the most room on the fit half under both bounds (uncovered answered <= ${MAX_UNCOVERED_ANSWERED * 100}%, covered answered >= ${MIN_COVERED_ANSWERED * 100}%)`,
    ...(['fit', 'held-out'] as const).map((half) => `${half}: ${describe(reports[half])}`),
  ];
  process.stdout.write(`${summary.join('\n')}\n`);
  for (const failure of reports['held-out'].failures) process.stdout.write(`  held-out ${failure.failure} ${failure.confidence.toFixed(3)}: ${failure.question}\n`);
  index.close();

  if (args['held-out-file']) {
    const lines = questions
      .filter((question) => question.half === 'held-out')
      .map(({ question, relevant, relevantTitles, kind }) => JSON.stringify({ question, relevant, relevant_titles: relevantTitles, ...(kind && { kind }) }));
    writeFileSync(args['held-out-file'], `${lines.join('\n')}\n`);
  }
  if (args.write) writeWeights(weights, threshold, summary.slice(2));

  async function evaluate(half: SplitQuestion['half']): Promise<AnswerEvalReport> {
    return runAnswerEval(
      questions.filter((question) => question.half === half),
      {
        ask: (question) => {
          seen.report = undefined;
          return engine.ask({ question });
        },
        citedTexts: (answer) => citedTexts(index, answer.citations),
      },
    );
  }
} finally {
  rmSync(workdir, { recursive: true, force: true });
}

function describe(report: AnswerEvalReport): string {
  const { covered, uncovered } = report;
  const percent = (part: number, whole: number) => `${whole === 0 ? 'n/a' : ((100 * part) / whole).toFixed(1)}%`;
  return [
    `covered answered ${covered.answered}/${covered.questions} (${percent(covered.answered, covered.questions)})`,
    `first citation labelled ${covered.answeredRight}/${covered.answered} (${percent(covered.answeredRight, covered.answered)})`,
    `uncovered answered ${uncovered.answered}/${uncovered.questions} (${percent(uncovered.answered, uncovered.questions)})`,
  ].join(', ');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Writes the weights file and keeps the MIN_CONFIDENCE default (defaults.ts, .env.example, README's table) equal to the fitted threshold. */
function writeWeights(weights: GateWeights, threshold: number, figures: string[]): void {
  const source = `import type { GateWeights } from './gate-model.js';

/*
 * Written by \`npx tsx bench/fit-gate.ts --write\` (do not edit by hand): a logistic regression
 * fitted on the fit half of the labelled questions (bench/labelled-split.ts) over the shared
 * threads and the bundled listing, classes weighted equally, each coefficient held to the sign
 * its feature must have (bench/fit-gate.ts FEATURE_SIGNS); foreign-platform questions are 0 by rule.
${figures.map((line) => ` * ${line}`).join('\n')}
 */

/** Coefficients of the gate features (gate-features.ts) in P(covered) = σ(intercept + Σ coefficient × feature). */
export const gateWeights: GateWeights = {
  intercept: ${weights.intercept},
  coefficients: {
${MODEL_FEATURES.map((name) => `    ${name}: ${weights.coefficients[name]},`).join('\n')}
  },
};

/** The MIN_CONFIDENCE default: on the fit half, the most room under both bounds (uncovered answered <= ${MAX_UNCOVERED_ANSWERED * 100}%, covered answered >= ${MIN_COVERED_ANSWERED * 100}%). */
export const fittedMinConfidence = ${threshold};
`;
  writeFileSync(join(projectRoot, 'src', 'engine', 'gate', 'gate-weights.ts'), source);
  const replaceIn = (path: string, pattern: RegExp, replacement: string) => writeFileSync(path, readFileSync(path, 'utf8').replace(pattern, replacement));
  replaceIn(join(projectRoot, 'src', 'config', 'defaults.ts'), /minConfidence: [\d.]+,/, `minConfidence: ${threshold},`);
  replaceIn(join(projectRoot, '.env.example'), /^MIN_CONFIDENCE=.*$/m, `MIN_CONFIDENCE=${threshold}`);
  replaceIn(join(projectRoot, 'README.md'), /^\| `MIN_CONFIDENCE` \| `[\d.]+` \|/m, `| \`MIN_CONFIDENCE\` | \`${threshold}\` |`);
}
