import { DecodingMode, decodeHTML } from 'entities';
import { splitMergedReplies } from './split-merged-replies.js';
import type { ThreadRecord } from './thread-record.js';

/**
 * HTML tags a forum page or export leaves in its text, and what each becomes. Only these
 * names are touched: `<key>`, `<dict>` or `#include <DriverKit/IOService.h>` in a post are
 * text the author wrote, and stay.
 */
const TAG_REPLACEMENTS: Array<[RegExp, string]> = [
  [/<pre\b[^>]*>\s*(?:<code\b[^>]*>\s*)?/gi, '\n```\n'],
  [/\s*(?:<\/code>\s*)?<\/pre>/gi, '\n```\n'],
  [/<\/?code\b[^>]*>/gi, '`'],
  [/<br\s*\/?>/gi, '\n'],
  [/<\/?(?:p|div|blockquote|ul|ol|h[1-6]|table|tr)\b[^>]*>/gi, '\n\n'],
  [/<li\b[^>]*>/gi, '\n• '],
  [/<\/(?:li|td|th)>/gi, '\n'],
  [/<(?:img|hr)\b[^>]*>/gi, ''],
  [/<\/?(?:span|b|strong|i|em|u|s|strike|small|sup|sub|font|td|th|tbody|thead)\b[^>]*>/gi, ''],
];
/** `<a href="URL">text</a>` keeps both: the URL may be the thread a reply points to. */
const LINK = /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi;

/** Forum text as a person reads it: known HTML tags resolved, entities decoded, no runs of blank lines. */
export function decodeForumText(text: string): string {
  let decoded = text.replace(LINK, (_link, href: string, label: string) => {
    const words = label.replace(/<[^>]*>/g, '').trim();
    return !words || words === href ? href : `${words} (${href})`;
  });
  decoded = decoded.replace(/<\/a>/gi, '').replace(/<a\b[^>]*>/gi, '');
  for (const [pattern, replacement] of TAG_REPLACEMENTS) decoded = decoded.replace(pattern, replacement);
  // Strict: only entities closed by ";" are decoded, so C such as `a &notify` stays as written.
  decoded = decodeHTML(decoded, DecodingMode.Strict).replaceAll('\u00a0', ' ');
  return decoded.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * One record as the index should hold it: entities and HTML decoded in every text field, and
 * replies merged into the question text (signed staff replies, see split-merged-replies.ts)
 * moved into its answers, before the record's own answers.
 */
export function normaliseRecord(record: ThreadRecord): ThreadRecord {
  const split = splitMergedReplies(decodeForumText(record.question));
  const answers = [
    ...split.replies,
    ...record.answers.map((answer) => ({
      ...answer,
      text: decodeForumText(answer.text),
      ...(answer.author !== undefined && { author: decodeForumText(answer.author) }),
    })),
  ].filter((answer) => answer.text !== '');
  const title = decodeForumText(record.title) || record.title;
  return { ...record, title, question: split.question || title, answers };
}
