import { createHash } from 'node:crypto';
import { symbolWords } from '../src/text/technical-tokens.js';
import type { ChunkRow } from '../src/store/thread-index.js';
import type { ThreadRecord } from './thread-record.js';

/** Longest chunk text; longer posts are split at sentence ends into overlapping windows. */
const MAX_CHUNK_CHARS = 1600;

export type UnembeddedChunk = Omit<ChunkRow, 'vector'> & { embedText: string };

export function threadKey(record: Pick<ThreadRecord, 'source' | 'id'>): string {
  return `${record.source}::${record.id}`;
}

/** The chunk ids a thread will have: cheap enough to compare with the index before any embedding. */
export function chunkIds(record: ThreadRecord): string[] {
  const { recordHash, parts } = planChunks(record);
  return parts.map((_, position) => `${recordHash}-${position}`);
}

function planChunks(record: ThreadRecord) {
  const recordHash = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 24);
  const answers = [...record.answers].sort((a, b) => Number(b.accepted ?? false) - Number(a.accepted ?? false));
  const parts: Array<{ kind: 'question' | 'answer'; text: string; accepted: boolean }> = [
    ...splitLong(record.question).map((text) => ({ kind: 'question' as const, text, accepted: false })),
    ...answers.flatMap((answer) =>
      splitLong(answer.text).map((text) => ({ kind: 'answer' as const, text, accepted: answer.accepted ?? false })),
    ),
  ];
  return { recordHash, parts };
}

/**
 * A thread → its chunks: the title with the question, then each answer (accepted first).
 * Chunk ids hash the whole record, so an unchanged thread gives the same ids (nothing to
 * write) and any change gives new ids (its old chunks are replaced, none left stale).
 */
export function chunkThread(record: ThreadRecord): UnembeddedChunk[] {
  const { recordHash, parts } = planChunks(record);
  return parts.map((part, position) => {
    // The title travels with every chunk: an answer alone often lacks the words of the problem.
    const embedText = `${record.title}\n${part.text}`;
    return {
      chunk_id: `${recordHash}-${position}`,
      thread_key: threadKey(record),
      thread_id: record.id,
      source: record.source,
      title: record.title,
      url: record.url,
      kind: part.kind,
      position,
      accepted: part.accepted,
      text: part.text,
      fts_text: `${embedText}\n${symbolWords(embedText)}`,
      tags: record.tags.join(' '),
      replies: record.replies ?? null,
      boosts: record.boosts ?? null,
      views: record.views ?? null,
      activity: record.activity ?? null,
      embedText: `${embedText} ${record.tags.join(' ')}`,
    };
  });
}

function splitLong(text: string): string[] {
  const clean = text.trim();
  if (clean.length <= MAX_CHUNK_CHARS) return [clean];
  const sentences = clean.match(/[^.!?\n]+(?:[.!?]+|\n+|$)/g) ?? [clean];
  const windows: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current.length + sentence.length > MAX_CHUNK_CHARS && current.length > 0) {
      windows.push(current.trim());
      // Keep the last sentence as overlap so a thought split across windows is still found.
      current = current.slice(Math.max(0, current.length - 200));
    }
    current += sentence;
  }
  if (current.trim()) windows.push(current.trim());
  return windows.flatMap((window) => hardSplit(window));
}

/** A single "sentence" longer than the limit (a pasted log) is cut at the limit. */
function hardSplit(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += MAX_CHUNK_CHARS) pieces.push(text.slice(start, start + MAX_CHUNK_CHARS));
  return pieces;
}
