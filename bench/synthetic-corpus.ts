import { readFileSync, writeFileSync } from 'node:fs';
import { readForumListing } from '../ingest/readers/forum-listing.js';
import { readJsonl } from '../ingest/readers/jsonl.js';
import type { ThreadRecord } from '../ingest/thread-record.js';
import { splitSentences } from '../src/text/sentences.js';

/** mulberry32: a small, fast, seedable PRNG, so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real threads the synthetic ones are recombined from. */
export function loadSeedThreads(paths: { listing: string; threads?: string | undefined }): ThreadRecord[] {
  const records: ThreadRecord[] = [];
  for (const result of readForumListing(readFileSync(paths.listing, 'utf8'), paths.listing, 'listing')) if (result.success) records.push(result.value);
  if (paths.threads) {
    for (const result of readJsonl(readFileSync(paths.threads, 'utf8'), paths.threads, 'threads')) if (result.success) records.push(result.value);
  }
  return records;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Varies the identifiers and numbers of a sentence so the vocabulary grows like a real forum's. */
function vary(sentence: string, random: () => number, n: number): string {
  return sentence
    .replace(/\b0x[0-9a-f]{4,16}\b/gi, () => `0x${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}`)
    .replace(/\b\d{2,}\b/g, () => String(Math.floor(random() * 100_000)))
    .replace(/\b(IO|OS)([A-Z][A-Za-z]+)\b/g, (whole, prefix: string, rest: string) => (random() < 0.3 ? `${prefix}${rest}${n % 997}` : whole));
}

/**
 * `count` threads in the JSONL record format, made of recombined sentences of real threads:
 * a title from one thread, a question from sentences of two or three, and, for a quarter of
 * them, answers from the replies of answered threads.
 */
export function syntheticThreads(seeds: ThreadRecord[], count: number, seed = 42): ThreadRecord[] {
  const random = seededRandom(seed);
  const questions = seeds.map((record) => splitSentences(record.question).filter((sentence) => sentence.length > 20)).filter((sentences) => sentences.length > 0);
  const answers = seeds.flatMap((record) => record.answers.flatMap((answer) => splitSentences(answer.text).filter((sentence) => sentence.length > 20)));
  const threads: ThreadRecord[] = [];
  for (let n = 0; n < count; n += 1) {
    const base = pick(random, seeds);
    const sentences = Array.from({ length: 3 + Math.floor(random() * 6) }, () => vary(pick(random, pick(random, questions)), random, n));
    const answered = answers.length > 0 && random() < 0.25;
    threads.push({
      id: `syn-${n}`,
      title: vary(base.title, random, n),
      question: sentences.join(' '),
      answers: answered ? Array.from({ length: 1 + Math.floor(random() * 2) }, (_, index) => ({ text: Array.from({ length: 2 + Math.floor(random() * 4) }, () => vary(pick(random, answers), random, n)).join(' '), accepted: index === 0 })) : [],
      url: `https://example.org/forums/thread/syn-${n}`,
      source: 'synthetic',
      tags: base.tags,
      metadata: {},
    });
  }
  return threads;
}

export function writeJsonl(path: string, threads: ThreadRecord[]): void {
  writeFileSync(path, threads.map(({ metadata: _metadata, ...thread }) => JSON.stringify(thread)).join('\n') + '\n');
}

/** Questions as people type them: a thread's title words, reordered, with a question frame. */
export function syntheticQuestions(threads: ThreadRecord[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const frames = ['how do I fix %s?', 'why does %s happen', '%s — any ideas?', 'anyone seen %s', 'help: %s'];
  return Array.from({ length: count }, () => {
    const words = pick(random, threads).title.split(/\s+/).filter(Boolean);
    const kept = words.filter(() => random() < 0.8);
    return pick(random, frames).replace('%s', (kept.length > 0 ? kept : words).join(' '));
  });
}
