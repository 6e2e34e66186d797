import { Embeddings } from '@langchain/core/embeddings';
import { findTechnicalTokens } from '../text/technical-tokens.js';
import { contentWords } from '../text/words.js';
import { conceptOf } from '../text/domain-concepts.js';

export interface HashingEmbeddingsOptions {
  /** Vector length; @default 512 */
  dimensions?: number;
}

/** Relative weights of the feature families (tuned on shared/eval/dev-questions.jsonl). */
const WEIGHTS = { word: 1, bigram: 0.5, trigram: 0.25, concept: 1.2, symbol: 1.5 } as const;

/**
 * The offline default: feature hashing of words, word pairs, character trigrams, exact
 * technical symbols and domain concepts into a fixed-size vector. No download, no key,
 * deterministic, and fast enough to embed 100k threads on a laptop. Trigrams catch spelling
 * variants ("DriverKit"/"driverkit's"); concepts catch synonyms ("iPhone"/"iOS").
 */
export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number;
  /** Identifies the feature set: an index built with another version must be rebuilt. */
  readonly modelId: string;

  constructor(options: HashingEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? 512;
    this.modelId = `offline-hashing-v1-${this.dimensions}`;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => Array.from(this.embed(document)));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return Array.from(this.embed(document));
  }

  /** Synchronous form, for callers that embed in a tight loop. */
  embed(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);

    const words = contentWords(text);
    for (const [index, word] of words.entries()) {
      add(`w:${word}`, WEIGHTS.word);
      const concept = conceptOf(word);
      if (concept) add(`c:${concept}`, WEIGHTS.concept);
      const next = words[index + 1];
      if (next) add(`b:${word}_${next}`, WEIGHTS.bigram);
      if (word.length >= 5 && !/^\d+$/.test(word)) {
        const padded = `^${word}$`;
        for (let start = 0; start + 3 <= padded.length; start += 1) add(`t:${padded.slice(start, start + 3)}`, WEIGHTS.trigram);
      }
    }
    for (const token of findTechnicalTokens(text)) {
      add(`s:${token.symbol}`, WEIGHTS.symbol);
      const concept = conceptOf(token.symbol);
      if (concept) add(`c:${concept}`, WEIGHTS.concept);
    }

    // Sublinear term frequency keeps a word repeated twenty times in a log from dominating.
    for (const [feature, weight] of counts) {
      const hash = fnv1a(feature);
      const slot = hash % this.dimensions;
      const sign = (hash & 0x80000000) === 0 ? 1 : -1;
      vector[slot] = (vector[slot] ?? 0) + sign * Math.log1p(weight);
    }
    normalise(vector);
    return vector;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalise(vector: Float32Array): void {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let index = 0; index < vector.length; index += 1) vector[index] = (vector[index] ?? 0) * scale;
}
