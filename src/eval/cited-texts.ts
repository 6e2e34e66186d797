import type { Citation } from '../engine/answer.js';
import type { StoredChunk, ThreadIndex } from '../store/thread-index.js';
import type { CitedThreadText } from './answer-artefacts.js';

/** The stored texts of an answer's cited threads, in citation order, looked up by id (or alias). */
export async function citedTexts(index: Pick<ThreadIndex, 'findThreads'>, citations: Citation[]): Promise<CitedThreadText[]> {
  if (citations.length === 0) return [];
  const chunks = await index.findThreads({ ids: citations.map((citation) => citation.id) });
  return citations.map((citation) => {
    const key = chunks.find((chunk) => isCitedThread(chunk, citation))?.thread_key;
    const own = chunks.filter((chunk) => chunk.thread_key === key);
    const texts = (kind: string) => own.filter((chunk) => chunk.kind === kind).map((chunk) => chunk.text);
    return { ...citation, question: texts('question'), answers: texts('answer') };
  });
}

function isCitedThread(chunk: StoredChunk, citation: Citation): boolean {
  return (chunk.thread_id === citation.id || chunk.aliases.split(' ').includes(citation.id)) && chunk.title === citation.title;
}
