import { Embeddings } from '@langchain/core/embeddings';
import { conceptOf } from '../text/domain-concepts.js';
import { findTechnicalTokens } from '../text/technical-tokens.js';
import { contentWords } from '../text/words.js';
import type { Embedder } from './embedder.js';

export interface HashingEmbeddingsOptions {
  /** Vector length; @default 1024 (512 collides enough to cost the vector side recall: bench/embedder-dimensions.ts) */
  dimensions?: number;
}

/** Relative weights of the feature families (tuned on shared/eval/dev-questions.jsonl). */
const WEIGHTS = { word: 1, bigram: 0.5, trigram: 0.25, concept: 1.2, symbol: 1.5 } as const;

/** Feature hashes of one word, computed once per distinct word (words repeat: Zipf). */
interface WordFeatures {
  word: number;
  trigrams: number[];
  concept: number | undefined;
}

/** Distinct words remembered; a forum's vocabulary of 100k threads fits. */
const WORD_CACHE_LIMIT = 200_000;

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
  private readonly wordCache = new Map<string, WordFeatures>();
  private readonly scratch = new FeatureCounts();

  constructor(options: HashingEmbeddingsOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? 1024;
    this.modelId = `offline-hashing-v2-${this.dimensions}`;
  }

  /** This embedder with its identity, as ingest and the index want it. */
  asEmbedder(): Embedder {
    return { embeddings: this, identity: { id: this.modelId, dimension: this.dimensions } };
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => Array.from(this.embed(document)));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return Array.from(this.embed(document));
  }

  /** Synchronous form, for callers that embed in a tight loop. */
  embed(text: string): Float32Array {
    const counts = this.scratch;
    counts.clear();
    const add = (feature: number, weight: number) => counts.add(feature, weight);

    let previous: number | undefined;
    for (const word of contentWords(text)) {
      const features = this.featuresOf(word);
      add(features.word, WEIGHTS.word);
      if (features.concept !== undefined) add(features.concept, WEIGHTS.concept);
      if (previous !== undefined) add(mix(previous, features.word), WEIGHTS.bigram);
      for (const trigram of features.trigrams) add(trigram, WEIGHTS.trigram);
      previous = features.word;
    }
    for (const token of findTechnicalTokens(text)) {
      add(fnv1a(`s:${token.symbol}`), WEIGHTS.symbol);
      const concept = conceptOf(token.symbol);
      if (concept) add(fnv1a(`c:${concept}`), WEIGHTS.concept);
    }

    const vector = new Float32Array(this.dimensions);
    // Sublinear term frequency keeps a word repeated twenty times in a log from dominating.
    counts.forEach((hash, weight) => {
      const slot = hash % this.dimensions;
      const sign = (hash & 0x80000000) === 0 ? 1 : -1;
      vector[slot] = (vector[slot] as number) + sign * Math.log1p(weight);
    });
    normalise(vector);
    return vector;
  }

  private featuresOf(word: string): WordFeatures {
    let features = this.wordCache.get(word);
    if (features) return features;
    const trigrams: number[] = [];
    if (word.length >= 5 && !/^\d+$/.test(word)) {
      const padded = `^${word}$`;
      for (let start = 0; start + 3 <= padded.length; start += 1) trigrams.push(fnv1a(`t:${padded.slice(start, start + 3)}`));
    }
    const concept = conceptOf(word);
    features = { word: fnv1a(`w:${word}`), trigrams, concept: concept ? fnv1a(`c:${concept}`) : undefined };
    if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
    this.wordCache.set(word, features);
    return features;
  }
}

/**
 * Feature hash → summed weight, as an open-addressing table over typed arrays that is reused
 * for every text: a Map allocates per entry, and embedding is the hot loop of an ingest.
 */
class FeatureCounts {
  private keys = new Uint32Array(4096);
  private weights = new Float64Array(4096);
  private used = new Uint8Array(4096);
  private readonly slots: number[] = [];

  clear(): void {
    for (const slot of this.slots) this.used[slot] = 0;
    this.slots.length = 0;
  }

  add(key: number, weight: number): void {
    if (this.slots.length * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (this.used[slot] === 1) {
      this.weights[slot] = (this.weights[slot] as number) + weight;
      return;
    }
    this.used[slot] = 1;
    this.keys[slot] = key;
    this.weights[slot] = weight;
    this.slots.push(slot);
  }

  forEach(visit: (key: number, weight: number) => void): void {
    for (const slot of this.slots) visit(this.keys[slot] as number, this.weights[slot] as number);
  }

  private grow(): void {
    const entries = this.slots.map((slot) => [this.keys[slot] as number, this.weights[slot] as number] as const);
    const size = this.keys.length * 2;
    this.keys = new Uint32Array(size);
    this.weights = new Float64Array(size);
    this.used = new Uint8Array(size);
    this.slots.length = 0;
    for (const [key, weight] of entries) this.add(key, weight);
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

/** A word-pair feature from the two words' hashes (order matters), without building a string. */
function mix(first: number, second: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function normalise(vector: Float32Array): void {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let index = 0; index < vector.length; index += 1) vector[index] = (vector[index] as number) * scale;
}
