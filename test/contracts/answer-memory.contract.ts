import { expect, it } from 'vitest';
import type { AnswerMemory } from '../../src/chat/answer-memory.js';
import type { GivenAnswer } from '../../src/engine/index.js';

const given = (answerId: string, overrides: Partial<GivenAnswer> = {}): GivenAnswer => ({
  answerId,
  question: 'why does my dext fail to load?',
  // Exactly representable in float32, as a LanceDB vector column stores them.
  vector: [0.5, 0.25, -0.125],
  threadKeys: ['apple-developer-forums::1', 'discord::2'],
  mode: 'extractive',
  confidence: 0.7,
  time: 1_700_000_000_000,
  origin: { platform: 'discord', channel: '123' },
  answer: {
    answerId,
    question: 'why does my dext fail to load?',
    answer: 'See [1].',
    mode: 'extractive',
    confidence: 0.7,
    citations: [{ id: '1', title: 'Dext load', url: null }],
    similar: [],
    searchedFor: 'dext load',
    decodedCodes: [],
    drafter: 'extractive',
  },
  ...overrides,
});

/** What every AnswerMemory must do; `open` gives a fresh, empty one with 3-dimensional vectors. */
export function answerMemoryContract(open: () => Promise<AnswerMemory>): void {
  it('finds an answer it kept, with everything a button or a vote needs', async () => {
    const memory = await open();
    await memory.saveAnswer(given('a-1'));
    expect(await memory.findAnswer('a-1')).toEqual(given('a-1'));
  });

  it('keeps a DM lookup (no answer, no vector) as well', async () => {
    const memory = await open();
    const lookup = given('l-1', { mode: 'lookup', vector: [], threadKeys: [], answer: undefined, confidence: 0 });
    await memory.saveAnswer(lookup);
    const found = await memory.findAnswer('l-1');
    expect(found).toMatchObject({ answerId: 'l-1', mode: 'lookup', question: lookup.question, threadKeys: [] });
    expect(found?.answer).toBeUndefined();
  });

  it('finds nothing for an unknown id, including one shaped like a filter', async () => {
    const memory = await open();
    await memory.saveAnswer(given('a-2'));
    expect(await memory.findAnswer('unknown')).toBeUndefined();
    expect(await memory.findAnswer("x' OR answer_id <> '")).toBeUndefined();
  });
}
