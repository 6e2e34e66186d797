import { skipped, type ReadResult } from '../read-result.js';
import type { ThreadRecord } from '../thread-record.js';

/** The column header of a forum listing page: after it, posts follow. */
const HEADER = ['Post', 'Replies', 'Boosts', 'Views', 'Activity'];
const COUNT = /^\d[\d,]*$/;
/** "23h", "1d", "2w", "Sep ’25", "Aug '25", or an ISO date. */
const ACTIVITY = /^(\d+\s?(s|m|min|h|d|w|mo|y)|[A-Z][a-z]{2,8}\s+['’]\d{2}|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/;

/** True when the text looks like a saved forum listing page (it carries the column header). */
export function isForumListing(text: string): boolean {
  return findHeaderEnd(nonBlankLines(text)) !== -1;
}

interface NumberedLine {
  text: string;
  line: number;
}

function nonBlankLines(text: string): NumberedLine[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ text: raw.trim(), line: index + 1 }))
    .filter((entry) => entry.text !== '');
}

function findHeaderEnd(lines: NumberedLine[]): number {
  for (let start = 0; start + HEADER.length <= lines.length; start += 1) {
    if (HEADER.every((word, offset) => lines[start + offset]?.text === word)) return start + HEADER.length;
  }
  return -1;
}

/**
 * A listing dump → one record per post: title line, body line, then Replies, Boosts, Views and
 * Activity, one per line. Pages saved from the web are often cut off, so a post whose counters
 * are missing is still a record. Posts have no ids of their own: the id is the title's slug,
 * numbered when a title repeats, so re-ingesting the same file gives the same ids.
 */
export function* readForumListing(text: string, file: string, defaultSource: string): Generator<ReadResult> {
  const lines = nonBlankLines(text);
  let index = findHeaderEnd(lines);
  if (index === -1) {
    yield skipped(file, 1, 'not a forum listing: the "Post / Replies / Boosts / Views / Activity" header is missing');
    return;
  }
  const seenSlugs = new Map<string, number>();
  while (index < lines.length) {
    const title = lines[index] as NumberedLine;
    const body = lines[index + 1];
    index += body ? 2 : 1;
    if (COUNT.test(title.text)) {
      yield skipped(file, title.line, `expected a post title, found the number "${title.text}"`);
      continue;
    }
    // Counters follow only when the page was saved whole; each is optional from the end.
    const counters: number[] = [];
    while (counters.length < 3 && COUNT.test(lines[index]?.text ?? '')) {
      counters.push(Number((lines[index] as NumberedLine).text.replaceAll(',', '')));
      index += 1;
    }
    let activity: string | undefined;
    if (counters.length === 3 && ACTIVITY.test(lines[index]?.text ?? '')) {
      activity = (lines[index] as NumberedLine).text;
      index += 1;
    }
    const slug = slugify(title.text);
    const seen = (seenSlugs.get(slug) ?? 0) + 1;
    seenSlugs.set(slug, seen);
    const record: ThreadRecord = {
      id: seen === 1 ? slug : `${slug}-${seen}`,
      title: title.text,
      question: body?.text ?? title.text,
      answers: [],
      url: null,
      source: defaultSource,
      tags: [],
      replies: counters[0],
      boosts: counters[1],
      views: counters[2],
      activity,
      metadata: {},
    };
    yield { success: true, value: record, file, line: title.line };
  }
}

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug === '' ? 'post' : slug;
}
