/**
 * The labelled questions the gate is fitted on, and the fixed split into a fit half and a
 * held-out half: within each file and kind, questions are ordered by a hash of their text and
 * dealt alternately, so each half gets the same mix and the split never depends on run order.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expectsNoAnswer, readLabelledQuestions, type LabelledQuestion } from '../src/eval/labelled-questions.js';
import { projectRoot } from './paths.js';

/** A labelled question with the file it came from and the half it was dealt to. */
export interface SplitQuestion extends LabelledQuestion {
  file: string;
  half: 'fit' | 'held-out';
}

/** The labelled files: the shared dev sets, the paraphrases, and test/fixtures/eval/*.jsonl. */
export function labelledFiles(): string[] {
  const shared = join(projectRoot, '..', 'shared', 'eval');
  const extra = join(projectRoot, 'test', 'fixtures', 'eval');
  return [
    join(shared, 'dev-questions.jsonl'),
    join(shared, 'uncovered-dev.jsonl'),
    join(projectRoot, 'test', 'fixtures', 'paraphrase-questions.jsonl'),
    ...(existsSync(extra) ? readdirSync(extra).filter((name) => name.endsWith('.jsonl')).sort().map((name) => join(extra, name)) : []),
  ].filter((file) => existsSync(file));
}

/** Reads the labelled files and deals each file-and-kind group alternately into the two halves. */
export async function splitLabelledQuestions(files = labelledFiles()): Promise<SplitQuestion[]> {
  const groups = new Map<string, Array<LabelledQuestion & { file: string }>>();
  for (const file of files) {
    for (const question of await readLabelledQuestions(file)) {
      const group = `${basename(file)}/${question.kind || (expectsNoAnswer(question) ? 'uncovered' : 'covered')}`;
      groups.set(group, [...(groups.get(group) ?? []), { ...question, file }]);
    }
  }
  const split: SplitQuestion[] = [];
  for (const questions of groups.values()) {
    const ordered = questions.map((question) => ({ question, hash: hashOf(question.question) })).sort((a, b) => a.hash.localeCompare(b.hash));
    for (const [index, { question }] of ordered.entries()) split.push({ ...question, half: index % 2 === 0 ? 'fit' : 'held-out' });
  }
  return split;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
