import type { StoredChunk, ThreadIndex } from '../../store/thread-index.js';
import { urlVariants } from '../../text/urls.js';
import type { RetrievedThread } from '../retrieve/retrieved-thread.js';
import { isRedirect, replySentences } from './reply-sentences.js';
import { toDraftThread } from './to-draft-thread.js';

/** A thread about to be drafted from, with its stored chunks. */
export interface DraftSource {
  thread: RetrievedThread;
  chunks: StoredChunk[];
}

/** Forum thread links, and "thread 798049" / "thread #798049" in prose. */
const URL = /https?:\/\/[^\s<>()"'“”]+/g;
const THREAD_NUMBER = /\bthread\s*(?:#|no\.?\s*)?(\d{3,})\b/gi;
const URL_THREAD_NUMBER = /\/thread\/(\d+)/;

/**
 * A thread whose replies only send the reader to another thread ("Let's focus this discussion
 * on your other thread: …/forums/thread/798049") is answered from that thread when the index
 * has it: the entry is replaced by the target (or dropped when the target is already among
 * the entries, so no thread is cited twice). Links are looked up by URL, and by thread number
 * against ids and aliases; a redirect whose link was lost is looked up by the thread's title
 * (the asker's cross-post). Only a target with replies is taken.
 */
export async function resolveRedirects<T extends DraftSource>(index: Pick<ThreadIndex, 'findThreads'>, entries: T[]): Promise<T[]> {
  const resolved: T[] = [];
  for (const entry of entries) {
    const target = await redirectTarget(index, entry);
    if (!target) {
      if (!resolved.some((other) => other.thread.key === entry.thread.key)) resolved.push(entry);
      continue;
    }
    if (entries.some((other) => other.thread.key === target.thread.key) || resolved.some((other) => other.thread.key === target.thread.key)) continue;
    resolved.push({ ...entry, ...target });
  }
  return resolved;
}

async function redirectTarget(index: Pick<ThreadIndex, 'findThreads'>, entry: DraftSource): Promise<DraftSource | undefined> {
  const draft = toDraftThread(entry.thread, entry.chunks);
  // A sentence is a slice of its reply, so a reply with no redirect anywhere has no redirect
  // sentence: most threads are ruled out without splitting their replies into sentences.
  if (!draft.answers.some((answer) => isRedirect(answer.text))) return undefined;
  const sentences = replySentences(draft);
  // Only a thread whose replies say nothing but the redirect is answered elsewhere.
  if (!sentences.some((sentence) => sentence.redirect) || sentences.some((sentence) => !sentence.redirect)) return undefined;
  const replies = draft.answers.map((answer) => answer.text).join('\n');
  const urls = [...replies.matchAll(URL)].map((match) => match[0].replace(/[.,;:!?]+$/, ''));
  const ids = [
    ...urls.flatMap((url) => url.match(URL_THREAD_NUMBER)?.[1] ?? []),
    ...[...replies.matchAll(THREAD_NUMBER)].map((match) => match[1] as string),
  ];
  const variants = urls.flatMap(urlVariants);
  // "Please see my answer" with its link lost (a scraped page): a thread cross-posted under the
  // same title that has replies is the one it points to.
  const query = variants.length > 0 || ids.length > 0 ? { urls: variants, ids } : { titles: [entry.thread.title] };
  const found = (await index.findThreads(query)).filter((chunk) => chunk.thread_key !== entry.thread.key);
  const answered = new Set(found.filter((chunk) => chunk.kind === 'answer').map((chunk) => chunk.thread_key));
  const chunks = found.filter((chunk) => answered.has(chunk.thread_key));
  const first = chunks[0];
  if (!first) return undefined;
  const own = chunks.filter((chunk) => chunk.thread_key === first.thread_key);
  return {
    thread: {
      ...entry.thread,
      key: first.thread_key,
      id: first.thread_id,
      title: first.title,
      url: first.url,
      symbolMatches: [],
      hits: own,
    },
    chunks: own,
  };
}
