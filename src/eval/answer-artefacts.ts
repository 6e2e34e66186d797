import { splitSentences } from '../text/sentences.js';

/** The texts of one cited thread, split as the index stores them. */
export interface CitedThreadText {
  id: string;
  title: string;
  url: string | null;
  /** The opening post's chunks (the title is not part of them). */
  question: string[];
  /** The replies' chunks. */
  answers: string[];
}

/** Sentences shorter than this are too common ("Thanks.", "Yes.") to say where a quote came from. */
const MIN_SENTENCE_CHARS = 20;
const ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

/** Passages an answer quotes: text inside “…” and lines quoted with "> ". */
export function quotedPassages(answer: string): string[] {
  const passages = [...answer.matchAll(/“([^”]+)”/g)].map((match) => match[1] as string);
  for (const line of answer.split('\n')) if (line.startsWith('> ')) passages.push(line.slice(2));
  return passages.map((passage) => flat(passage.replace(/^(?:…|\.\.\.)\s*/, '').replace(/\s*(?:…|\.\.\.)$/, ''))).filter(Boolean);
}

/**
 * True when the answer quotes a reply's own words: a quoted sentence found verbatim in a reply
 * of a cited thread and not in that thread's opening post (a reply echoing the question does
 * not count).
 */
export function quotesReply(answer: string, threads: CitedThreadText[]): boolean {
  const sentences = quotedPassages(answer).flatMap((passage) => splitSentences(passage)).filter((sentence) => sentence.length >= MIN_SENTENCE_CHARS);
  return threads.some((thread) => {
    const replies = thread.answers.map(flat);
    const question = flat(thread.question.join(' '));
    return sentences.some((sentence) => replies.some((reply) => reply.includes(sentence)) && !question.includes(sentence));
  });
}

/** Sentences that appear more than once in an answer (each extra occurrence counts), citation marks aside. */
export function repeatedSentences(answer: string): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const sentence of splitSentences(answer.replace(/\[\d+\]|[“”]/g, ' '))) {
    const key = flat(sentence).toLowerCase();
    if (key.length < MIN_SENTENCE_CHARS) continue;
    if (seen.has(key)) repeats += 1;
    else seen.add(key);
  }
  return repeats;
}

/**
 * Quoted passages that start or end inside a word of the text they were cut from
 * ("…NOT the SCSI stac"): found in a cited thread with a letter or digit right before or after.
 * A thread's title in quotes names the thread (a title the forum cut short is the forum's).
 */
export function midWordCuts(answer: string, threads: CitedThreadText[]): number {
  const sources = threads.flatMap((thread) => [...thread.question, ...thread.answers]).map(flat);
  const titles = new Set(threads.map((thread) => flat(thread.title)));
  let cuts = 0;
  for (const passage of quotedPassages(answer).filter((passage) => !titles.has(passage))) {
    for (const source of sources) {
      const at = source.indexOf(passage);
      if (at === -1) continue;
      const before = source[at - 1] ?? ' ';
      const after = source[at + passage.length] ?? ' ';
      if ((isWordCharacter(before) && isWordCharacter(passage[0] ?? ' ')) || (isWordCharacter(after) && isWordCharacter(passage.at(-1) ?? ' '))) cuts += 1;
      break;
    }
  }
  return cuts;
}

/** HTML entities left in the text (`&lt;`, `&#39;`): scraped markup that should have been decoded. */
export function rawEntities(answer: string): number {
  return answer.match(ENTITY)?.length ?? 0;
}

/** Pairs of citations that are the same thread: the same id, the same link or the same title. */
export function threadsCitedTwice(citations: Array<{ id: string; title: string; url: string | null }>): number {
  let pairs = 0;
  for (const [index, citation] of citations.entries()) {
    for (const other of citations.slice(index + 1)) {
      const sameTitle = flat(citation.title).toLowerCase() === flat(other.title).toLowerCase();
      if (citation.id === other.id || (citation.url !== null && citation.url === other.url) || sameTitle) pairs += 1;
    }
  }
  return pairs;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isWordCharacter(character: string): boolean {
  return /[\p{L}\p{N}]/u.test(character);
}
