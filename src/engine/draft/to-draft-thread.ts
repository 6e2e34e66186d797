import type { StoredChunk } from '../../store/thread-index.js';
import { joinWindows, windowOverlap } from '../../text/join-windows.js';
import type { RetrievedThread } from '../retrieve/retrieved-thread.js';
import type { DraftReply, DraftThread } from './drafter.js';

/**
 * A retrieved thread and its stored chunks → what a drafter reads: the question and each
 * reply whole again (a long post is stored as overlapping windows; joined here, so no
 * sentence reaches the drafter twice), with the reply's author and accepted mark.
 */
export function toDraftThread(thread: RetrievedThread, chunks: StoredChunk[]): DraftThread {
  const source = chunks.length > 0 ? chunks : thread.hits;
  const question = joinWindows(source.filter((chunk) => chunk.kind === 'question').map((chunk) => chunk.text));
  const answers: Array<DraftReply & { windows: string[] }> = [];
  for (const chunk of source.filter((chunk) => chunk.kind === 'answer')) {
    const previous = answers.at(-1);
    const author = chunk.author ?? null;
    // The next window of the same reply starts with the sentence the previous one ended with.
    const continues = previous && previous.author === author && previous.accepted === chunk.accepted && windowOverlap(previous.windows.at(-1) ?? '', chunk.text) > 0;
    if (continues) previous.windows.push(chunk.text);
    else answers.push({ text: '', author, accepted: chunk.accepted, windows: [chunk.text] });
  }
  return {
    title: thread.title,
    url: thread.url,
    question,
    answers: answers.map(({ windows, ...reply }) => ({ ...reply, text: joinWindows(windows) })),
  };
}
