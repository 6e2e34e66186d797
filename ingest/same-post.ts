import type { WritableThreadIndex } from '../src/store/thread-index.js';
import { normaliseUrl, urlVariants } from '../src/text/urls.js';
import { threadKey } from './chunk-thread.js';
import { compareRichness, copyOf, isSamePost, normaliseTitle, type PostCopy, storedCopies } from './post-copy.js';
import type { ThreadRecord } from './thread-record.js';

/**
 * One source per thread. A forum listing saved from the web and the full thread are two
 * records of the same post; indexed apart, an answer cites the post twice. Records are the
 * same post when they have the same URL, or, when at most one has a URL, the same title and
 * the same opening text (the shorter opening is the start of the longer: listings and
 * scrapes cut posts at different lengths). Two records with different URLs are two threads,
 * however alike (an asker's duplicate post is a thread of its own).
 *
 * The richer record wins (replies, then a URL, then length); the others' ids become its
 * aliases, so a label or a link naming any copy resolves to the one thread.
 */
export interface SamePosts {
  /** The records to write: one per post, with aliases. */
  records: ThreadRecord[];
  /** Applies what the merge decided about threads already stored: drops stored copies that a
   * richer record replaced, and adds aliases to stored threads richer than a record. Call it after
   * the records are written, so a post is never absent from the index in between. */
  finish(index: WritableThreadIndex): Promise<void>;
}

/** Records looked up in the index per query. */
const LOOKUP_BATCH = 1000;

/**
 * The normalised URL and title of every thread stored so far, with its aliases: the index is
 * asked about a record only when another stored thread shares its URL or title, so a large
 * ingest (or an unchanged re-run) does not scan the table once per batch.
 */
export class StoredPostKeys {
  private readonly byUrl = new Map<string, Set<string>>();
  private readonly byTitle = new Map<string, Set<string>>();
  private readonly byTitleWithoutUrl = new Map<string, Set<string>>();
  private readonly aliases = new Map<string, string[]>();

  /** The keys of what `index` holds now (nothing for a fresh table). */
  static async load(index: Pick<WritableThreadIndex, 'postKeys' | 'isFresh'>): Promise<StoredPostKeys> {
    const keys = new StoredPostKeys();
    if (!index.isFresh) {
      for (const post of await index.postKeys()) keys.add(post.threadKey, post.url, post.title, post.aliases.split(' ').filter(Boolean));
    }
    return keys;
  }

  add(threadKey: string, url: string | null, title: string, aliases: readonly string[] = []): void {
    const normalisedUrl = normaliseUrl(url);
    const normalisedTitle = normaliseTitle(title);
    if (normalisedUrl) addKey(this.byUrl, normalisedUrl, threadKey);
    else addKey(this.byTitleWithoutUrl, normalisedTitle, threadKey);
    addKey(this.byTitle, normalisedTitle, threadKey);
    if (aliases.length > 0) this.aliases.set(threadKey, [...aliases]);
    else this.aliases.delete(threadKey);
  }

  /** True when a stored thread other than the record's own may be another copy of it (same rules as isSamePost). */
  mayHaveCopy(record: ThreadRecord): boolean {
    const own = threadKey(record);
    const url = normaliseUrl(record.url);
    const title = normaliseTitle(record.title);
    const others = (keys: Set<string> | undefined) => keys !== undefined && [...keys].some((key) => key !== own);
    return url ? others(this.byUrl.get(url)) || others(this.byTitleWithoutUrl.get(title)) : others(this.byTitle.get(title));
  }

  /** The aliases the record's own stored version has, so re-ingesting it keeps them. */
  aliasesOf(threadKeyOfRecord: string): string[] {
    return this.aliases.get(threadKeyOfRecord) ?? [];
  }
}

function addKey(map: Map<string, Set<string>>, key: string, threadKeyToAdd: string): void {
  const keys = map.get(key);
  if (keys) keys.add(threadKeyToAdd);
  else map.set(key, new Set([threadKeyToAdd]));
}

/**
 * Merges records of the same post among `records` (in order: the first of equals wins) and
 * against threads already in `index`. Only small keys are kept per record (URL, title); the
 * index is asked, a batch of records at a time, for stored threads with the same URL or title
 * (only for records `stored` says may have a stored copy).
 */
export async function mergeSamePosts(
  records: Iterable<ThreadRecord>,
  index: Pick<WritableThreadIndex, 'findThreads'>,
  stored: StoredPostKeys,
): Promise<SamePosts> {
  const kept = mergeAmong(records);
  const superseded = new Set<string>();
  const aliasUpdates = new Map<string, string[]>();
  const result: ThreadRecord[] = [];
  for (let start = 0; start < kept.length; start += LOOKUP_BATCH) {
    const batch = kept.slice(start, start + LOOKUP_BATCH);
    // A record with a URL can only be another copy of a thread with that URL or of one without any.
    const lookedUp = batch.filter((record) => stored.mayHaveCopy(record));
    const withUrl = lookedUp.filter((record) => record.url);
    const withoutUrl = lookedUp.filter((record) => !record.url);
    const copies = storedCopies([
      ...(withUrl.length > 0
        ? await index.findThreads({ urls: withUrl.flatMap((record) => (record.url ? urlVariants(record.url) : [])), titles: withUrl.map((record) => record.title), titlesWithoutUrl: true })
        : []),
      ...(withoutUrl.length > 0 ? await index.findThreads({ titles: withoutUrl.map((record) => record.title) }) : []),
    ]);
    const byKey = groupBy(copies, (copy) => copy.key);
    const byUrl = groupBy(copies, (copy) => copy.url ?? '');
    const byTitle = groupBy(copies, (copy) => copy.title);
    for (const record of batch) {
      const copy = copyOf(record);
      let aliases = new Set([...(record.aliases ?? []), ...stored.aliasesOf(copy.key)]);
      let dropped = false;
      const candidates = new Set([...(byKey.get(copy.key) ?? []), ...(copy.url ? (byUrl.get(copy.url) ?? []) : []), ...(byTitle.get(copy.title) ?? [])]);
      for (const other of candidates) {
        // The record's own earlier version keeps its aliases: re-ingesting changes nothing.
        if (other.key === copy.key) other.aliases.forEach((alias) => aliases.add(alias));
        else if (isSamePost(copy, other) && !superseded.has(other.key)) {
          if (compareRichness(copy, other) > 0) {
            superseded.add(other.key);
            for (const alias of [other.id, ...other.aliases]) aliases.add(alias);
          } else {
            const merged = new Set([...(aliasUpdates.get(other.key) ?? other.aliases), copy.id, ...aliases]);
            merged.delete(other.id);
            if ([...merged].some((alias) => !other.aliases.includes(alias))) aliasUpdates.set(other.key, [...merged].sort());
            dropped = true;
          }
        }
      }
      aliases.delete(record.id);
      aliases = new Set([...aliases].sort());
      if (!dropped) result.push(aliases.size > 0 ? { ...record, aliases: [...aliases] } : record);
    }
  }
  return {
    records: result,
    async finish(target) {
      if (superseded.size > 0) await target.replaceThreads([...superseded], []);
      for (const [key, aliases] of aliasUpdates) if (!superseded.has(key)) await target.setAliases(key, aliases);
    },
  };
}

/** Merges copies of the same post within one set of records, keeping a map of URL and title → position. */
export function mergeAmong(records: Iterable<ThreadRecord>): ThreadRecord[] {
  const kept: Array<{ record: ThreadRecord; copy: PostCopy }> = [];
  const byUrl = new Map<string, number>();
  // Positions by title, of every record and of those without a URL (all a record with a URL can match by title).
  const byTitle = new Map<string, number[]>();
  const byTitleWithoutUrl = new Map<string, number[]>();
  for (const record of records) {
    const copy = copyOf(record);
    const candidates = copy.url ? [byUrl.get(copy.url), ...(byTitleWithoutUrl.get(copy.title) ?? [])] : (byTitle.get(copy.title) ?? []);
    const match = candidates.find((position) => position !== undefined && isSamePost(copy, (kept[position] as (typeof kept)[number]).copy));
    if (match === undefined) {
      if (copy.url) byUrl.set(copy.url, kept.length);
      else appendTo(byTitleWithoutUrl, copy.title, kept.length);
      appendTo(byTitle, copy.title, kept.length);
      kept.push({ record, copy });
      continue;
    }
    const existing = kept[match] as (typeof kept)[number];
    const [winner, loser] = compareRichness(copy, existing.copy) > 0 ? [record, existing.record] : [existing.record, record];
    const aliases = new Set([...(winner.aliases ?? []), ...(loser.aliases ?? []), loser.id]);
    aliases.delete(winner.id);
    const merged = { ...winner, aliases: [...aliases].sort() };
    kept[match] = { record: merged, copy: copyOf(merged) };
    if (kept[match]?.copy.url) byUrl.set(kept[match].copy.url as string, match);
  }
  return kept.map((entry) => entry.record);
}

function groupBy(copies: PostCopy[], keyOf: (copy: PostCopy) => string): Map<string, PostCopy[]> {
  const groups = new Map<string, PostCopy[]>();
  for (const copy of copies) appendTo(groups, keyOf(copy), copy);
  return groups;
}

function appendTo<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
