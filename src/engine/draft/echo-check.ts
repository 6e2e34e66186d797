import { comparableWords } from '../../text/words.js';

/**
 * Tells whether a reply's sentence quotes the thread's question back. Forum replies usually
 * open by quoting the asker ("When building in Xcode, I'm encountering an entitlement
 * mismatch error…"), and those sentences share the most words with a new question about the
 * same problem, so without this check the drafter would present the question as the answer.
 *
 * A sentence is an echo when its words appear in the question in the same order, or when
 * at least half of its four-word sequences do (a partial or lightly edited quote). A reply
 * that restates the problem in its own words shares words but rarely four-word sequences.
 */
export class EchoCheck {
  private readonly words: string;
  private readonly shingles: Set<string>;

  constructor(question: string, title = '') {
    const questionWords = comparableWords(`${title}\n${question}`);
    this.words = ` ${questionWords.join(' ')} `;
    this.shingles = new Set(shinglesOf(questionWords));
  }

  isEcho(sentence: string): boolean {
    const words = comparableWords(sentence);
    if (words.length === 0) return false;
    if (this.words.includes(` ${words.join(' ')} `)) return true;
    const own = shinglesOf(words);
    if (own.length < 2) return false;
    const shared = own.filter((shingle) => this.shingles.has(shingle)).length;
    return shared / own.length >= 0.5;
  }
}

function shinglesOf(words: string[]): string[] {
  const shingles: string[] = [];
  for (let start = 0; start + 4 <= words.length; start += 1) shingles.push(words.slice(start, start + 4).join(' '));
  return shingles;
}
