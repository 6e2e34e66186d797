import { symbolWords } from '../text/technical-tokens.js';
import { contentWords } from '../text/words.js';

/**
 * The terms of a question, computed once: stemmed content words and exact technical symbols.
 * `sharedWith` counts how many of them a text contains; it is called for every candidate
 * sentence and thread, so it only splits words and scans for symbols as substrings.
 */
export class QuestionTerms {
  readonly words: Set<string>;
  readonly symbols: Set<string>;

  constructor(text: string) {
    this.symbols = new Set(symbolWords(text).split(' ').filter(Boolean));
    this.words = new Set(contentWords(text).filter((word) => !this.symbols.has(word)));
  }

  get size(): number {
    return this.words.size + this.symbols.size;
  }

  sharedWith(text: string): number {
    if (this.size === 0) return 0;
    let shared = 0;
    if (this.words.size > 0) {
      const words = new Set(contentWords(text));
      for (const word of this.words) if (words.has(word)) shared += 1;
    }
    if (this.symbols.size > 0) {
      const squashed = text.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/(?<=[a-z0-9])-(?=[a-z0-9])/g, '');
      for (const symbol of this.symbols) {
        const needle = /^n\d+$/.test(symbol) ? `-${symbol.slice(1)}` : symbol;
        if (squashed.includes(needle)) shared += 1;
      }
    }
    return shared;
  }

  /** What was searched for, as shown in a no-match reply. */
  toString(): string {
    return [...this.words, ...this.symbols].join(' ');
  }
}
