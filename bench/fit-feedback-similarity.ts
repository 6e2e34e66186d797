/**
 * Fits the question similarity below which a 👍/👎 does not count (VOTE_SIMILARITY_THRESHOLD in
 * src/engine/feedback.ts) and reports it on held-out pairs.
 *
 * Every pair of labelled questions is "the same problem" when they share a labelled thread, and
 * "unrelated" otherwise (questions labelled with no thread, e.g. the uncovered ones, are unrelated
 * to every other). Pairs are split into two halves by a hash of their texts; on the fit half the
 * threshold is the lowest similarity that at most 1% of unrelated pairs exceed (a vote must almost
 * never move a thread for an unrelated question); the other half reports how often a vote would
 * count for an unrelated question, and for the same problem asked in other words.
 *
 * Usage: node --import tsx bench/fit-feedback-similarity.ts [FILE.jsonl ...]
 * (default: the labelled files of bench/labelled-split.ts: ../shared/eval, the paraphrases, test/fixtures/eval).
 * Embedder: the offline one (EMBEDDINGS=offline), which the default threshold is for.
 */
import { createHash } from 'node:crypto';
import { cosineSimilarity, voteWeight } from '../src/engine/feedback.js';
import { readLabelledQuestions } from '../src/eval/labelled-questions.js';
import { HashingEmbeddings } from '../src/models/offline-embeddings.js';
import { labelledFiles } from './labelled-split.js';

/** Share of unrelated pairs a vote may count for, on the fit half. */
const MAX_UNRELATED_SHARE = 0.01;

interface LabelledQuestion {
  question: string;
  /** Thread ids and `title:` titles the question is labelled with; empty for an uncovered question (unrelated to all). */
  labels: string[];
}

async function readQuestions(path: string): Promise<LabelledQuestion[]> {
  return (await readLabelledQuestions(path)).map((labelled) => ({
    question: labelled.question,
    labels: [...labelled.relevant, ...labelled.relevantTitles.map((title) => `title:${title}`)],
  }));
}

interface Pair {
  same: boolean;
  similarity: number;
  half: 0 | 1;
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : labelledFiles();
const questions: LabelledQuestion[] = [];
for (const file of files) questions.push(...(await readQuestions(file)));
// The same question text in two files is one question.
const unique = [...new Map(questions.map((question) => [question.question, question])).values()];
const vectors = await new HashingEmbeddings().embedDocuments(unique.map((question) => question.question));

const labels = (question: LabelledQuestion) => new Set(question.labels);
const pairs: Pair[] = [];
for (let i = 0; i < unique.length; i += 1) {
  const first = labels(unique[i] as LabelledQuestion);
  for (let j = i + 1; j < unique.length; j += 1) {
    const second = unique[j] as LabelledQuestion;
    const same = [...labels(second)].some((label) => first.has(label));
    const hash = createHash('sha256').update(`${(unique[i] as LabelledQuestion).question}\u0000${second.question}`).digest();
    pairs.push({ same, similarity: cosineSimilarity(vectors[i] as number[], vectors[j] as number[]), half: ((hash[0] as number) % 2) as 0 | 1 });
  }
}

const fit = pairs.filter((pair) => pair.half === 0);
const held = pairs.filter((pair) => pair.half === 1);
const unrelatedFit = fit.filter((pair) => !pair.same).map((pair) => pair.similarity).sort((a, b) => b - a);
const allowed = Math.floor(unrelatedFit.length * MAX_UNRELATED_SHARE);
const threshold = Math.ceil((unrelatedFit[allowed] ?? 0) * 100) / 100;

const report = (label: string, list: Pair[]) => {
  const same = list.filter((pair) => pair.same);
  const unrelated = list.filter((pair) => !pair.same);
  const counted = (group: Pair[]) => group.filter((pair) => voteWeight(pair.similarity, threshold) > 0).length;
  const meanWeight = (group: Pair[]) => group.reduce((sum, pair) => sum + voteWeight(pair.similarity, threshold), 0) / Math.max(1, group.length);
  return `| ${label} | ${same.length} | ${counted(same)} (${(counted(same) / Math.max(1, same.length)).toFixed(2)}) | ${meanWeight(same).toFixed(2)} | ${unrelated.length} | ${counted(unrelated)} (${(counted(unrelated) / Math.max(1, unrelated.length)).toFixed(3)}) | ${meanWeight(unrelated).toFixed(3)} |`;
};

process.stdout.write(
  [
    `${unique.length} labelled questions from ${files.length} files; threshold fitted on the fit half: ${threshold.toFixed(2)}`,
    '',
    '| pairs | same problem | a vote counts | mean weight | unrelated | a vote counts | mean weight |',
    '|---|---|---|---|---|---|---|',
    report('fit half', fit),
    report('held-out half', held),
    '',
  ].join('\n'),
);
