import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

/** A tiny index written here, so every figure below can be worked out by reading it. */
const threads = [
  {
    id: 'sign-dext',
    title: 'How do I sign a DriverKit dext for development?',
    question: 'My DriverKit dext will not load on my test Mac because of a code signing error. How do I sign it for development?',
    answers: [{ text: 'Use automatic signing with your development team, then turn on developer mode with systemextensionsctl developer on.', author: 'Apple DTS Engineer' }],
  },
  {
    id: 'serial-port',
    title: 'Virtual serial port with SerialDriverKit',
    question: 'I want a virtual serial port with SerialDriverKit and IOUserSerial, where do I begin?',
    answers: ['Subclass IOUserSerial and implement the hardware callbacks; the sample code shows the order.'],
  },
  {
    id: 'hid-remap',
    title: 'Remap the keys of a USB keyboard',
    question: 'Can I remap keys of one USB keyboard with hidutil, without a driver?',
    answers: ['Yes, hidutil property --matching takes a UserKeyMapping for one device.'],
  },
];
const questions = [
  { question: 'how do I sign my DriverKit dext for development, it will not load', relevant: ['sign-dext'] },
  // Labelled with the wrong thread on purpose: answered, but with a wrong first citation.
  { question: 'where do I begin with a virtual serial port in SerialDriverKit and IOUserSerial', relevant: ['hid-remap'] },
  { question: 'how do I write a udev rule on ubuntu so my ftdi adapter keeps its ttyUSB name', relevant: [], kind: 'uncovered' },
  { question: 'recommend a good pasta recipe with tomatoes', relevant: [], kind: 'offtopic' },
];

const dir = tempDir();
const env = { DRIVERDESK_DB: join(dir.path, 'db'), FEEDBACK_FILE: join(dir.path, 'feedback.jsonl') };
const labels = join(dir.path, 'labels.jsonl');

beforeAll(async () => {
  const corpus = join(dir.path, 'threads.jsonl');
  writeFileSync(corpus, `${threads.map((thread) => JSON.stringify(thread)).join('\n')}\n`);
  writeFileSync(labels, `${questions.map((question) => JSON.stringify(question)).join('\n')}\n`);
  expect((await runCli(['ingest', corpus], env)).code).toBe(0);
});
afterAll(dir.remove);

describe('driverdesk eval --answers', () => {
  it('--json reports recall on the labelled questions and how each reply did', async () => {
    const result = await runCli(['eval', labels, '--answers', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { recall, answers } = JSON.parse(result.stdout);
    // Recall leaves out the questions labelled "relevant": [].
    expect(recall.questions).toBe(2);
    expect(answers.covered).toEqual({ questions: 2, answered: 2, answeredRight: 1, answeredWrong: 1, gatedWithLabelledInTop5: 0, gatedOther: 0 });
    expect(answers.uncovered).toEqual({ questions: 2, answered: 0, gated: 2 });
    // Both answered threads have replies; the sign-dext answer quotes its reply.
    expect(answers.replyQuotes.answers).toBe(2);
    expect(answers.replyQuotes.quotingReply).toBeGreaterThanOrEqual(1);
    expect(answers.artefacts).toEqual({ answers: 2, repeatedSentences: 0, midWordCuts: 0, rawEntities: 0, threadsCitedTwice: 0 });
    expect(answers.failures).toEqual([expect.objectContaining({ line: 2, failure: 'wrong-first-citation', got: ['serial-port Virtual serial port with SerialDriverKit'] })]);
  });

  it('prints the same figures as text', async () => {
    const result = await runCli(['eval', labels, '--answers'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('covered: 2 questions, answered 2 (100.0%)');
    expect(result.stdout).toContain('first citation labelled 1 (50.0% of answered), wrong 1');
    expect(result.stdout).toContain('uncovered ("relevant": []): 2 questions, answered (wrong) 0 (0.0%), gated (right) 2');
    expect(result.stdout).toMatch(/line 2 \[wrong-first-citation, confidence \d\.\d{3}\]/);
  });

  it('without --answers, keeps recall as it was and says so when a file has nothing to recall', async () => {
    const plain = await runCli(['eval', labels, '--json'], env);
    expect(Object.keys(JSON.parse(plain.stdout))).toEqual(['mode', 'questions', 'recallAt1', 'recallAt5', 'mrr', 'misses']);
    const uncoveredOnly = join(dir.path, 'uncovered.jsonl');
    writeFileSync(uncoveredOnly, `${JSON.stringify(questions[2])}\n`);
    const result = await runCli(['eval', uncoveredOnly], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('driverdesk: no question in the file has a labelled thread, so there is no recall to measure: use --answers to score the gate');
    const gated = await runCli(['eval', uncoveredOnly, '--answers', '--json'], env);
    expect(JSON.parse(gated.stdout)).toMatchObject({ recall: null, answers: { uncovered: { questions: 1, gated: 1 } } });
  });
});
