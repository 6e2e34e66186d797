import { createHash } from 'node:crypto';
import { sentenceSpans } from '../src/text/sentences.js';
import { symbolWords } from '../src/text/technical-tokens.js';
import type { ChunkRow } from '../src/store/thread-index.js';
import type { ThreadRecord } from './thread-record.js';

/** Longest chunk text; longer posts are split at sentence ends into overlapping windows. */
export const MAX_CHUNK_CHARS = 1600;
/** A window repeats the previous window's last sentence when it is at most this long. */
const MAX_OVERLAP_CHARS = 400;

/** A chunk before embedding: the row without its vector, and the text the vector is made from. */
export type UnembeddedChunk = Omit<ChunkRow, 'vector'> & { embedText: string };

/** `source::id`: a thread's key, unique across sources. */
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
  const parts: Array<{ kind: 'question' | 'answer'; text: string; accepted: boolean; author: string | null }> = [
    ...splitLong(record.question).map((text) => ({ kind: 'question' as const, text, accepted: false, author: null })),
    ...answers.flatMap((answer) =>
      splitLong(answer.text).map((text) => ({ kind: 'answer' as const, text, accepted: answer.accepted ?? false, author: answer.author ?? null })),
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
      author: part.author,
      aliases: (record.aliases ?? []).join(' '),
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

/**
 * A post longer than a chunk → windows of whole sentences, each repeating the previous window's
 * last sentence so a thought split across windows is still found. Every window is a slice of
 * the post as written: no window starts or ends inside a sentence, a word or a code block, unless
 * one sentence or block alone is longer than a chunk (a pasted log), which is then cut at line
 * breaks or spaces.
 */
export function splitLong(text: string): string[] {
  const clean = text.trim();
  if (clean.length <= MAX_CHUNK_CHARS) return clean ? [clean] : [];
  const pieces = sentenceSpans(clean).flatMap((span) => (span.end - span.start > MAX_CHUNK_CHARS ? cutLongSpan(clean, span.start, span.end) : [span]));
  const windows: string[] = [];
  let first = 0;
  while (first < pieces.length) {
    let last = first;
    const start = (pieces[first] as Piece).start;
    while (last + 1 < pieces.length && (pieces[last + 1] as Piece).end - start <= MAX_CHUNK_CHARS) last += 1;
    windows.push(clean.slice(start, (pieces[last] as Piece).end));
    if (last + 1 >= pieces.length) break;
    const tail = pieces[last] as Piece;
    first = last > first && tail.end - tail.start <= MAX_OVERLAP_CHARS ? last : last + 1;
  }
  return windows;
}

interface Piece {
  start: number;
  end: number;
}

/** One span longer than a chunk → pieces cut at the last line break, else the last space, before the limit. */
function cutLongSpan(text: string, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let from = start;
  while (end - from > MAX_CHUNK_CHARS) {
    const window = text.slice(from, from + MAX_CHUNK_CHARS);
    const newline = window.lastIndexOf('\n');
    const space = window.search(/\s\S*$/);
    const cut = newline > MAX_CHUNK_CHARS / 2 ? newline : space > 0 ? space : MAX_CHUNK_CHARS;
    pieces.push({ start: from, end: from + cut });
    from += cut;
    while (from < end && /\s/.test(text.charAt(from))) from += 1;
  }
  if (from < end) pieces.push({ start: from, end });
  return pieces;
}
