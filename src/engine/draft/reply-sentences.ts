import { sentenceSpans } from '../../text/sentences.js';
import { comparableWords } from '../../text/words.js';
import type { DraftReply, DraftThread } from './drafter.js';
import { EchoCheck } from './echo-check.js';

/** A sentence (or code block) of a reply that could be quoted. */
export interface ReplySentence {
  text: string;
  code: boolean;
  /** Index of its reply in `thread.answers`. */
  reply: number;
  /** Its place among the reply's quotable sentences (0 = the first thing the reply says after its quotes). */
  position: number;
  /** Its place among all the reply's sentences: quotes of sentences next to each other read on without a gap. */
  index: number;
  /** Only whitespace stands between it and the sentence before it (no list marker, no skipped text). */
  adjoins: boolean;
  /** A redirect to another thread ("Let's focus this discussion on your other thread"): not a fix. */
  redirect: boolean;
}

/** Signature lines: "Kevin Elliott / DTS Engineer, CoreOS/Hardware", Quinn's "Share and Enjoy … let myEmail". */
const SIGNATURE = [
  /^(?:_{2,}|—|–|-{2,})$/,
  /^(?:Apple\s+)?DTS Engineer(?:ing)?\b.{0,60}$/i,
  /\b(?:Developer Technical Support|Worldwide Developer Relations|Apple Developer Relations)\b/i,
  /^let myEmail\s*=/,
  /The Eskimo!/,
  /^share and enjoy\b/i,
];
/** Greetings, thanks and sign-offs: never the fix. */
const PLEASANTRY =
  /^(?:(?:hi|hello|hey|dear|howdy)\b.{0,40}|(?:many |thanks?|thank you|thx|cheers|regards|kind regards|best regards|best|good luck|happy coding|hope (?:this|that|it) helps|let me know|feel free|you['’]re welcome|any (?:ideas|help|suggestions|thoughts)|sorry for the late reply)\b.{0,80})$/i;
/** Scraped page furniture. */
const JUNK = /^(?:up ?vote post of\b|accepted answer$|replies$|boosts$|views$|[\d.,]+k? views$|written by .{0,60} in \d+$|q$)/i;
/** Replies that send the reader elsewhere instead of answering. */
const REDIRECT = [
  /\bplease see my (?:answer|reply|post|response)\b/i,
  /\bpost (?:any|your) follow[- ]?up questions?\b/i,
  /\blet['’]?s (?:focus|continue|keep|move) (?:this |the |our )?(?:discussion|conversation)\b/i,
  /\b(?:answered|replied|responded) (?:to )?(?:this|that|it|you)? ?(?:on|in|over (?:on|in)) (?:your|the|this|that|another) (?:other )?(?:thread|post)\b/i,
  /\b(?:see|continue (?:in|on)|follow up (?:in|on)) (?:your|the|my|this|that) other (?:thread|post)\b/i,
  /\bthis (?:thread|post) (?:is|was|has been) (?:a duplicate|locked|closed)\b/i,
  /\bduplicate of\b/i,
  /\bpurely administrative\b/i,
  /\bI['’]ve locked this (?:post|thread)\b/i,
];
/** Longest quotable prose sentence and code block: longer ones are never cut, only left out. */
const MAX_SENTENCE_CHARS = 400;
const MAX_CODE_CHARS = 800;
const MAX_CODE_LINES = 20;

/** True when a text (a sentence, or a whole reply) sends the reader to another thread. */
export function isRedirect(text: string): boolean {
  return REDIRECT.some((pattern) => pattern.test(text));
}

/** True when the record marks the author as Apple staff (forum badges such as "DTS Engineer", "Frameworks Engineer"). */
export function isStaffAuthor(author: string | null): boolean {
  return author !== null && /\b(?:DTS|Apple|Engineer|Developer Technical Support)\b/i.test(author);
}

/** True when the author is Apple Developer Technical Support. */
export function isDtsAuthor(author: string | null): boolean {
  return author !== null && /\bDTS\b|Developer Technical Support/i.test(author);
}

/**
 * The quotable sentences of a thread's replies, in thread order: whole sentences only (a cut-off
 * tail is left out), none that quotes the question back, no signature, greeting, sign-off or page
 * furniture, and no sentence twice. `isQuoted` tells sentences already used elsewhere in the answer.
 */
export function replySentences(thread: DraftThread, isQuoted: (text: string) => boolean = () => false): ReplySentence[] {
  const echo = new EchoCheck(thread.question, thread.title);
  const found: ReplySentence[] = [];
  const local = new Set<string>();
  for (const [reply, answer] of thread.answers.entries()) {
    let position = 0;
    for (const { text, code, index, adjoins } of quotableSentences(answer)) {
      const key = sentenceKey(text);
      if (key === '' || local.has(key) || isQuoted(text) || echo.isEcho(text)) continue;
      local.add(key);
      found.push({ text, code, reply, position, index, adjoins, redirect: isRedirect(text) });
      position += 1;
    }
  }
  return found;
}

/** The sentences of the question worth quoting when no reply says anything (no greeting, no cut-off tail). */
export function questionSentences(thread: DraftThread): Quotable[] {
  return quotableSentences({ text: thread.question, author: null, accepted: false });
}

type Quotable = Pick<ReplySentence, 'text' | 'code' | 'index' | 'adjoins'>;

function quotableSentences(reply: DraftReply): Quotable[] {
  const sentences: Quotable[] = [];
  const spans = sentenceSpans(reply.text);
  for (const [index, span] of spans.entries()) {
    if (!span.complete) continue;
    const text = reply.text.slice(span.start, span.end);
    const previous = spans[index - 1];
    const adjoins = previous !== undefined && reply.text.slice(previous.end, span.start).trim() === '';
    if (span.code) {
      if (text.length <= MAX_CODE_CHARS && text.split('\n').length <= MAX_CODE_LINES && !SIGNATURE.some((pattern) => pattern.test(text))) {
        sentences.push({ text, code: true, index, adjoins });
      }
      continue;
    }
    const flat = text.replace(/\s+/g, ' ');
    if (flat.length < 12 || flat.length > MAX_SENTENCE_CHARS || flat.split(' ').length < 3) continue;
    // A short line with no sentence end is a heading, a label or a link title, not something said.
    if (!/[.!?:;)"”’]$/.test(flat) && flat.split(' ').length < 8) continue;
    if (SIGNATURE.some((pattern) => pattern.test(flat)) || PLEASANTRY.test(flat) || JUNK.test(flat)) continue;
    sentences.push({ text, code: false, index, adjoins });
  }
  return sentences;
}

/** Two sentences are the same when their words are. */
export function sentenceKey(text: string): string {
  return comparableWords(text).join(' ');
}
