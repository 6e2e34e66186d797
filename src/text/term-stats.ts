import { symbolWords } from './technical-tokens.js';
import { contentWords, stem } from './words.js';

/**
 * Document frequencies of an index: how many threads contain each term. The gate weights a
 * question's terms by them (a word half the threads share says little about which is right)
 * and reads from them which platforms the index covers.
 */
export interface TermStats {
  /** Threads counted. */
  documents: number;
  /** Threads containing each term, terms as `documentTerms` gives them; absent = none. */
  frequencies: ReadonlyMap<string, number>;
}

/**
 * Function words as chat types them, without the apostrophe ("cant", "doesnt", "im"): forum
 * text writes "can't", which splits into a stop word, so in chat they would look like rare
 * words no thread holds, and count against a question the index covers.
 */
const CHAT_FUNCTION_WORDS = new Set(
  `cant cannot dont doesnt didnt wont isnt arent wasnt werent couldnt shouldnt wouldnt hasnt havent hadnt aint
  im ive youre youve theyre thats whats wheres theres heres lets pls plz thx ty ok okay yeah yep nope hmm
  btw fyi imo tbh`
    .split(/\s+/)
    // As contentWords leaves them: "thats" is stemmed to "that".
    .flatMap((word) => [word, stem(word)]),
);

/**
 * The terms a text is counted by: stemmed content words and exact technical symbols, each
 * once. The same function runs at ingest (counting the index) and on a question (weighting
 * its terms), so both sides agree on what a term is.
 */
export function documentTerms(text: string): Set<string> {
  const terms = new Set(contentWords(text).filter((word) => !CHAT_FUNCTION_WORDS.has(word)));
  for (const symbol of symbolWords(text).split(' ')) if (symbol) terms.add(symbol);
  return terms;
}

/**
 * Counts threads per term from a stream of chunks. A thread's chunks usually arrive together
 * (they are written together), so a term is counted once per run of the same thread: exact
 * in that case, a slight over-count when a thread's chunks are interleaved with others', and
 * memory stays proportional to the vocabulary, not to threads × terms.
 */
export class TermStatsCounter {
  private readonly counts = new Map<string, { lastThread: string; documents: number }>();
  private readonly threads = new Set<string>();

  /** Adds one chunk: its thread key and its text (the title belongs to the first chunk). */
  add(threadKey: string, text: string): void {
    this.threads.add(threadKey);
    for (const term of documentTerms(text)) {
      const entry = this.counts.get(term);
      if (!entry) this.counts.set(term, { lastThread: threadKey, documents: 1 });
      else if (entry.lastThread !== threadKey) {
        entry.lastThread = threadKey;
        entry.documents += 1;
      }
    }
  }

  /** Adds a stored chunk: its thread's title is counted with the thread's first chunk (position 0). */
  addChunk(chunk: { thread_key: string; title: string; text: string; position: number }): void {
    this.add(chunk.thread_key, chunk.position === 0 ? `${chunk.title}\n${chunk.text}` : chunk.text);
  }

  result(): TermStats {
    return {
      documents: this.threads.size,
      frequencies: new Map([...this.counts].map(([term, entry]) => [term, Math.min(entry.documents, this.threads.size)])),
    };
  }
}

/** Term statistics of a list of threads held in memory (tests, small in-memory indexes). */
export function countTermStats(threads: Iterable<{ key: string; texts: string[] }>): TermStats {
  const counter = new TermStatsCounter();
  for (const thread of threads) for (const text of thread.texts) counter.add(thread.key, text);
  return counter.result();
}

