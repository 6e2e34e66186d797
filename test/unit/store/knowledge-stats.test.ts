import { describe, expect, it } from 'vitest';
import { groupGatedQuestions } from '../../../src/store/knowledge-stats.js';

describe('groupGatedQuestions', () => {
  it('groups the same words and near-identical embeddings, most asked first, newest wording shown', () => {
    const groups = groupGatedQuestions(
      [
        { question: 'How do I write a Linux SPI driver?', vector: [1, 0, 0], time: 1 },
        { question: 'how do i write a linux spi   driver?', vector: [], time: 2 },
        { question: 'linux spi driver, where to start', vector: [0.99, 0.05, 0], time: 3 },
        { question: 'Windows KMDF pool leak on unload', vector: [0, 1, 0], time: 4 },
      ],
      10,
    );
    expect(groups).toEqual([
      { question: 'linux spi driver, where to start', count: 3, lastAsked: 3 },
      { question: 'Windows KMDF pool leak on unload', count: 1, lastAsked: 4 },
    ]);
  });

  it('keeps at most `limit` groups', () => {
    const questions = ['a', 'b', 'c'].map((question, time) => ({ question, vector: [], time }));
    expect(groupGatedQuestions(questions, 2)).toHaveLength(2);
  });
});
