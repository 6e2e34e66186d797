import { describe, expect, it } from 'vitest';
import { chunkThread, threadKey } from '../../../ingest/chunk-thread.js';
import { isSamePost } from '../../../ingest/post-copy.js';
import { mergeAmong, mergeSamePosts, StoredPostKeys } from '../../../ingest/same-post.js';
import type { ThreadRecord } from '../../../ingest/thread-record.js';
import type { ThreadQuery } from '../../../src/store/thread-index.js';
import { matchesThreadQuery } from '../../../src/store/thread-query.js';

const opening = 'I am creating my first DriverKit extension and I ran into an entitlement issue when trying to load my driver';

const thread = (overrides: Partial<ThreadRecord>): ThreadRecord => ({
  id: '798056',
  title: 'driverkit.transport.usb',
  question: `${opening}. Here is the full log and the plist.`,
  answers: [{ text: 'Add idVendor to the profile.' }],
  url: 'https://developer.apple.com/forums/thread/798056',
  source: 'apple-developer-forums',
  tags: [],
  metadata: {},
  ...overrides,
});
const listing = thread({ id: 'driverkit-transport-usb', question: `${opening}.`, answers: [], url: null, source: 'listing' });

describe('mergeAmong', () => {
  it('merges a listing copy into its thread, whichever comes first: the richer wins, the other id becomes an alias', () => {
    for (const records of [
      [listing, thread({})],
      [thread({}), listing],
    ]) {
      const merged = mergeAmong(records);
      expect(merged).toHaveLength(1);
      expect(merged[0]).toMatchObject({ id: '798056', source: 'apple-developer-forums', aliases: ['driverkit-transport-usb'] });
    }
  });

  it('merges records with the same URL whatever their text', () => {
    const merged = mergeAmong([thread({ id: 'a', question: 'Short.' }), thread({ id: 'b', url: 'http://www.developer.apple.com/forums/thread/798056/?page=2' })]);
    expect(merged.map((record) => [record.id, record.aliases])).toEqual([['b', ['a']]]);
  });

  it('keeps two threads with different URLs apart, however alike (an asker’s cross-post)', () => {
    const merged = mergeAmong([thread({}), thread({ id: '798049', url: 'https://developer.apple.com/forums/thread/798049' })]);
    expect(merged.map((record) => record.id)).toEqual(['798056', '798049']);
  });

  it('keeps posts apart when the title or the opening differs', () => {
    expect(mergeAmong([listing, thread({ title: 'Another title' })])).toHaveLength(2);
    expect(mergeAmong([listing, thread({ question: 'A different post under the same title, about something else entirely.' })])).toHaveLength(2);
  });

  it('gives the same result when run again on its own output (idempotent)', () => {
    const once = mergeAmong([listing, thread({})]);
    expect(mergeAmong(once)).toEqual(once);
  });
});

describe('isSamePost', () => {
  const copy = (url: string | null, title: string, text: string) => ({ url, title, opening: text.split(' ') });

  it('compares the shorter opening with the start of the longer, and needs enough words to do so', () => {
    expect(isSamePost(copy(null, 't', 'a b c d e f g h'), copy('u', 't', 'a b c d e f g h i j'))).toBe(true);
    expect(isSamePost(copy(null, 't', 'a b c d e f g x'), copy('u', 't', 'a b c d e f g h i j'))).toBe(false);
    expect(isSamePost(copy(null, 't', 'a b'), copy('u', 't', 'a b c d e f g h i j'))).toBe(false);
    expect(isSamePost(copy(null, 't', 'a b'), copy('u', 't', 'a b'))).toBe(true);
  });
});

describe('mergeSamePosts', () => {
  it('finds a stored copy under any spelling of its URL that a batch would merge (scheme, www, query, trailing slash)', async () => {
    const stored = thread({ id: 'a', question: 'Short.', answers: [] });
    const chunks = chunkThread(stored);
    // As the stores look URLs up: exactly as written.
    const index = { findThreads: async (query: ThreadQuery) => chunks.filter((chunk) => matchesThreadQuery(chunk, query)) };
    const keys = new StoredPostKeys();
    keys.add(threadKey(stored), stored.url, stored.title);
    const merged = await mergeSamePosts([thread({ id: 'b', url: 'http://www.developer.apple.com/forums/thread/798056/?page=2' })], index, keys);
    expect(merged.records.map((record) => [record.id, record.aliases])).toEqual([['b', ['a']]]);
  });
});

describe('StoredPostKeys', () => {
  const keysOf = (...posts: Array<[string, string | null, string, string[]?]>) => {
    const keys = new StoredPostKeys();
    for (const [key, url, title, aliases] of posts) keys.add(key, url, title, aliases);
    return keys;
  };

  it('needs no lookup for a record whose only stored match is its own earlier version, and keeps its aliases', () => {
    const keys = keysOf(['apple-developer-forums::798056', 'https://developer.apple.com/forums/thread/798056', 'driverkit.transport.usb', ['driverkit-transport-usb']]);
    expect(keys.mayHaveCopy(thread({}))).toBe(false);
    expect(keys.aliasesOf('apple-developer-forums::798056')).toEqual(['driverkit-transport-usb']);
  });

  it('asks the index when another stored thread has the URL, or the title without a URL', () => {
    expect(keysOf(['other::1', 'https://developer.apple.com/forums/thread/798056/', 'Something else']).mayHaveCopy(thread({}))).toBe(true);
    expect(keysOf(['listing::driverkit-transport-usb', null, 'DriverKit.transport.usb']).mayHaveCopy(thread({}))).toBe(true);
    // A stored thread with its own URL and the same title is another post: no lookup.
    expect(keysOf(['other::2', 'https://developer.apple.com/forums/thread/1', 'driverkit.transport.usb']).mayHaveCopy(thread({}))).toBe(false);
    // A record without a URL may be a copy of any stored thread with its title.
    expect(keysOf(['apple-developer-forums::798056', 'https://developer.apple.com/forums/thread/798056', 'driverkit.transport.usb']).mayHaveCopy(listing)).toBe(true);
  });
});
