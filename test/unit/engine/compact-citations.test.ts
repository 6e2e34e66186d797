import { describe, expect, it } from 'vitest';
import { compactCitations } from '../../../src/engine/draft/compact-citations.js';

describe('compactCitations', () => {
  it('renumbers markers in order of first use and lists only the cited threads', () => {
    expect(compactCitations('See [3] and [1], again [3].', 5)).toEqual({ text: 'See [1] and [2], again [1].', used: [2, 0] });
  });

  it('leaves an answer without citations alone', () => {
    expect(compactCitations("I don't know from these threads.", 3)).toEqual({ text: "I don't know from these threads.", used: [] });
  });
});
