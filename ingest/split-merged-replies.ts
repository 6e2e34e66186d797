import { comparableWords } from '../src/text/words.js';
import type { ThreadAnswer } from './thread-record.js';

/**
 * Scraped forum threads often hold a whole conversation in the "question" field: the opening
 * post, then a staff reply (which starts by quoting the asker, and ends with a signature such
 * as "Kevin Elliott / DTS Engineer, CoreOS/Hardware" or Quinn's "Share and Enjoy"), then the
 * asker's follow-up, and so on. This finds the signed replies and gives them back as answers,
 * so the drafter quotes the reply instead of the question it is merged into.
 */
export interface SplitQuestion {
  /** The opening post and the asker's follow-ups, as written. */
  question: string;
  /** The replies found in the question text, in thread order. */
  replies: ThreadAnswer[];
}

/** A line that only a staff signature has: a role, or Quinn's signature line. */
const ROLE_LINE = /^(?:(?:Apple\s+)?DTS Engineer(?:ing)?\b|.{0,60}\b(?:Developer Technical Support|Worldwide Developer Relations|Apple Developer Relations)\b)/i;
const RULE_LINE = /^(?:_{2,}|—|–|-{2,})$/;
const NAME_LINE = /^[A-Z][\w'’“”!.-]*(?:\s+[A-Z“"][\w'’“”!.-]*){0,3}$/;
const SIGN_OFF_LINE = /^(?:share and enjoy|hope (?:this|that) helps[.!]?)$/i;
const EMAIL_LINE = /^let myEmail\s*=/;
/** A line that ends an opening post: a question, or a sign-off. */
const CLOSES_POST = /(?:\?\s*$|^(?:thanks|thank you|any (?:ideas|help|suggestions|thoughts|guidance)|best(?: regards)?|regards|kind regards|cheers)\b)/i;

interface Line {
  text: string;
  start: number;
  end: number;
}

interface Signature {
  /** First and last line index of the signature block. */
  from: number;
  to: number;
  author: string;
}

/** A question text → the asker's own words, and the signed replies merged into it (see above). */
export function splitMergedReplies(text: string): SplitQuestion {
  const lines = nonBlankLines(text);
  const signatures = findSignatures(lines);
  if (signatures.length === 0) return { question: text, replies: [] };

  const questionParts: string[] = [];
  const replies: ThreadAnswer[] = [];
  const slice = (from: number, to: number) => text.slice((lines[from] as Line).start, (lines[to] as Line).end).trim();
  let segmentStart = 0;
  for (const signature of [...signatures, undefined]) {
    const segmentEnd = signature ? signature.from : lines.length;
    const replyStart = findReplyStart(lines, segmentStart, segmentEnd, signature !== undefined, segmentStart === 0);
    if (replyStart > segmentStart) questionParts.push(slice(segmentStart, replyStart - 1));
    if (replyStart < segmentEnd) {
      replies.push({ text: slice(replyStart, segmentEnd - 1), ...(signature && { author: signature.author }) });
    }
    segmentStart = signature ? signature.to + 1 : lines.length;
  }
  return { question: questionParts.join('\n\n') || text, replies };
}

function nonBlankLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const offset = raw.length - raw.trimStart().length;
    if (raw.trim() !== '') lines.push({ text: raw.trim(), start: start + offset, end: start + raw.trimEnd().length });
    start += raw.length + 1;
  }
  return lines;
}

/** Signature blocks: [Share and Enjoy] [rule] [name] role [let myEmail …]. */
function findSignatures(lines: Line[]): Signature[] {
  const signatures: Signature[] = [];
  for (const [index, line] of lines.entries()) {
    if (!ROLE_LINE.test(line.text) || line.text.length > 100 || line.text.includes('?')) continue;
    let from = index;
    let name = line.text.includes(' @ ') ? (line.text.split(' @ ')[0] as string) : '';
    if (!name && from > 0 && NAME_LINE.test((lines[from - 1] as Line).text)) {
      from -= 1;
      name = (lines[from] as Line).text;
    }
    if (from > 0 && RULE_LINE.test((lines[from - 1] as Line).text)) from -= 1;
    if (from > 0 && SIGN_OFF_LINE.test((lines[from - 1] as Line).text)) from -= 1;
    const to = index + 1 < lines.length && EMAIL_LINE.test((lines[index + 1] as Line).text) ? index + 1 : index;
    const previous = signatures.at(-1);
    if (previous && from <= previous.to) continue;
    signatures.push({ from, to, author: name ? `${name}, Apple DTS Engineer` : 'Apple DTS Engineer' });
  }
  return signatures;
}

/**
 * Where the reply starts in lines [start, end): at the first line that quotes an earlier line
 * of the same stretch (replies open by quoting the asker), with a short lead-in such as
 * "Based on this:" before it. A signed stretch with no quote starts its reply after the last
 * line that closes a post (a question mark, "Thanks"), else at its last line. Returns `end`
 * when the stretch has no reply (an unsigned tail without a quote).
 */
function findReplyStart(lines: Line[], start: number, end: number, signed: boolean, opening: boolean): number {
  const count = end - start;
  if (count === 0) return end;
  // A signed stretch of one line after a signature is a reply of its own; the opening post is never one.
  if (count === 1) return signed && !opening ? start : end;
  for (let index = start + 1; index < end; index += 1) {
    if (!quotesEarlier(lines, start, index)) continue;
    const leadIn = lines[index - 1] as Line;
    const hasLeadIn = index - 1 > start && leadIn.text.endsWith(':') && leadIn.text.split(/\s+/).length <= 8;
    return hasLeadIn ? index - 1 : index;
  }
  if (!signed) return end;
  for (let index = end - 2; index >= start; index -= 1) {
    if (CLOSES_POST.test((lines[index] as Line).text)) return index + 1;
  }
  return end - 1;
}

/** True when line `index` repeats (is contained in) the text of lines [start, index). */
function quotesEarlier(lines: Line[], start: number, index: number): boolean {
  const words = wordsOf((lines[index] as Line).text);
  if (words.split(' ').length < 3) return false;
  const earlier = lines
    .slice(start, index)
    .map((line) => wordsOf(line.text))
    .join(' ');
  return ` ${earlier} `.includes(` ${words} `);
}

function wordsOf(text: string): string {
  return comparableWords(text).join(' ');
}
