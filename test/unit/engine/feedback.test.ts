import { describe, expect, it } from 'vitest';
import { cosineSimilarity, sumVotes, VOTE_SIMILARITY_THRESHOLD, voteWeight } from '../../../src/engine/feedback.js';

describe('voteWeight', () => {
  it('is 0 up to the threshold, 1 from halfway to identical, linear between', () => {
    expect(voteWeight(-0.5)).toBe(0);
    expect(voteWeight(VOTE_SIMILARITY_THRESHOLD)).toBe(0);
    expect(voteWeight(1)).toBe(1);
    expect(voteWeight((1 + VOTE_SIMILARITY_THRESHOLD) / 2)).toBeCloseTo(1);
    expect(voteWeight(VOTE_SIMILARITY_THRESHOLD + (1 - VOTE_SIMILARITY_THRESHOLD) / 4)).toBeCloseTo(0.5);
    expect(voteWeight(Number.NaN)).toBe(0);
  });
});

describe('sumVotes', () => {
  it('adds each vote’s weighted ±1 to its threads and leaves out votes on unlike questions', () => {
    const boosts = sumVotes([
      { similarity: 1, vote: 'up', threadKeys: ['a::1', 'a::2'] },
      { similarity: 1, vote: 'down', threadKeys: ['a::2'] },
      { similarity: 0.1, vote: 'down', threadKeys: ['a::1', 'a::3'] },
    ]);
    expect(Object.fromEntries(boosts)).toEqual({ 'a::1': 1, 'a::2': 0 });
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, 0 for orthogonal, empty or mismatched vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
    expect(cosineSimilarity([1], [1, 2])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });
});
