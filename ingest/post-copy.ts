import type { StoredChunk } from '../src/store/thread-index.js';
import { joinWindows } from '../src/text/join-windows.js';
import { normaliseUrl } from '../src/text/urls.js';
import { comparableWords } from '../src/text/words.js';
import { threadKey } from './chunk-thread.js';
import type { ThreadRecord } from './thread-record.js';

/**
 * What a record, or a stored thread, is compared by when telling copies of one post apart
 * (same-post.ts): its normalised URL and title, the opening words of its question, and how
 * rich it is.
 */
export interface PostCopy {
  key: string;
  id: string;
  url: string | null;
  title: string;
  opening: string[];
  /** Has replies, has a URL, text length: compared in this order. */
  richness: [number, number, number];
  aliases: string[];
}

/** Words of an opening compared at most; two posts that agree this far are the same. */
const OPENING_WORDS = 200;
/** A shorter opening than this must match the other one exactly. */
const MIN_PREFIX_WORDS = 8;

/** Copies of one post: the same URL; or, when at most one has a URL, the same title and one opening the start of the other. */
export function isSamePost(a: Pick<PostCopy, 'url' | 'title' | 'opening'>, b: Pick<PostCopy, 'url' | 'title' | 'opening'>): boolean {
  if (a.url && b.url) return a.url === b.url;
  if (a.title !== b.title) return false;
  const [shorter, longer] = a.opening.length <= b.opening.length ? [a.opening, b.opening] : [b.opening, a.opening];
  if (shorter.length < MIN_PREFIX_WORDS && shorter.length !== longer.length) return false;
  return shorter.every((word, position) => longer[position] === word);
}

/** Positive when `a` is the richer copy (replies, then a URL, then length). */
export function compareRichness(a: PostCopy, b: PostCopy): number {
  for (let position = 0; position < 3; position += 1) {
    const difference = (a.richness[position] as number) - (b.richness[position] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A record as a copy to compare. */
export function copyOf(record: ThreadRecord): PostCopy {
  const length = record.question.length + record.answers.reduce((sum, answer) => sum + answer.text.length, 0);
  return {
    key: threadKey(record),
    id: record.id,
    url: normaliseUrl(record.url),
    title: normaliseTitle(record.title),
    opening: openingWords(record.question),
    richness: [record.answers.length > 0 ? 1 : 0, record.url ? 1 : 0, length],
    aliases: record.aliases ?? [],
  };
}

/** Stored threads (their chunks, thread by thread) as copies to compare with. */
export function storedCopies(chunks: StoredChunk[]): PostCopy[] {
  const byThread = new Map<string, StoredChunk[]>();
  for (const chunk of chunks) {
    const own = byThread.get(chunk.thread_key);
    if (own) own.push(chunk);
    else byThread.set(chunk.thread_key, [chunk]);
  }
  return [...byThread.values()].map((own) => {
    const first = own[0] as StoredChunk;
    const question = joinWindows(own.filter((chunk) => chunk.kind === 'question').map((chunk) => chunk.text));
    return {
      key: first.thread_key,
      id: first.thread_id,
      url: normaliseUrl(first.url),
      title: normaliseTitle(first.title),
      opening: openingWords(question),
      richness: [own.some((chunk) => chunk.kind === 'answer') ? 1 : 0, first.url ? 1 : 0, own.reduce((sum, chunk) => sum + chunk.text.length, 0)],
      aliases: first.aliases.split(' ').filter(Boolean),
    };
  });
}

/** Titles compared by their words: case and punctuation aside. */
export function normaliseTitle(title: string): string {
  return comparableWords(title).join(' ');
}

function openingWords(text: string): string[] {
  return comparableWords(text).slice(0, OPENING_WORDS);
}
