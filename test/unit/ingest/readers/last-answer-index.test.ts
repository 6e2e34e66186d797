import { describe, expect, it } from 'vitest';
import { LastAnswerIndex } from '../../../../ingest/readers/last-answer-index.js';

describe('LastAnswerIndex', () => {
  it('keeps the highest answer id per question, for thousands of questions in id order', () => {
    const index = new LastAnswerIndex();
    for (let id = 1; id <= 5000; id += 2) index.addQuestion(id);
    for (let id = 1; id <= 5000; id += 2) {
      index.addAnswer(id, id + 10_000);
      index.addAnswer(id, id + 20_000);
      index.addAnswer(id, id + 15_000);
    }
    expect(index.lastAnswerOf(1)).toBe(20_001);
    expect(index.lastAnswerOf(4999)).toBe(24_999);
    expect(index.lastAnswerOf(2)).toBeUndefined();
  });

  it('answers the same when rows are out of order', () => {
    const index = new LastAnswerIndex();
    index.addQuestion(10);
    index.addQuestion(5);
    index.addAnswer(5, 12);
    index.addAnswer(10, 11);
    index.addAnswer(7, 13);
    expect([index.lastAnswerOf(5), index.lastAnswerOf(10), index.lastAnswerOf(7)]).toEqual([12, 11, undefined]);
  });

  it('knows a question without answers has none', () => {
    const index = new LastAnswerIndex();
    index.addQuestion(3);
    expect(index.lastAnswerOf(3)).toBeUndefined();
  });
});
