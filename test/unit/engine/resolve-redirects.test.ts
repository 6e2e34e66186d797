import { describe, expect, it } from 'vitest';
import { resolveRedirects } from '../../../src/engine/draft/resolve-redirects.js';
import type { RetrievedThread } from '../../../src/engine/retrieve/retrieved-thread.js';
import type { StoredChunk, ThreadQuery } from '../../../src/store/thread-index.js';
import { matchesThreadQuery } from '../../../src/store/thread-query.js';
import { chunk } from '../../helpers/chunks.js';

const retrieved = (chunks: StoredChunk[]): RetrievedThread => {
  const first = chunks[0] as StoredChunk;
  return { key: first.thread_key, id: first.thread_id, title: first.title, url: first.url, fused: 1, cosine: 0, symbolMatches: [], hits: chunks };
};

describe('resolveRedirects', () => {
  it('follows a link to another thread however its URL is spelled (scheme, www, trailing slash)', async () => {
    const redirecting = [
      chunk('500', 'My scanner dext never matches.', { url: 'https://example.org/forums/thread/500' }),
      chunk('500', 'Let’s focus this discussion on your other thread: http://www.example.org/forums/thread/400/.', { kind: 'answer', position: 1, chunk_id: '500-1' }),
    ];
    // Its id is a slug, so only the URL can find it.
    const target = [
      chunk('scanner-dext-never-loaded', 'The scanner dext is never loaded.', { url: 'https://example.org/forums/thread/400' }),
      chunk('scanner-dext-never-loaded', 'Add the idVendor to the entitlement.', { url: 'https://example.org/forums/thread/400', kind: 'answer', position: 1, chunk_id: 'scanner-1' }),
    ];
    const index = { findThreads: async (query: ThreadQuery) => [...redirecting, ...target].filter((stored) => matchesThreadQuery(stored, query)) };
    const resolved = await resolveRedirects(index, [{ thread: retrieved(redirecting), chunks: redirecting }]);
    expect(resolved.map((entry) => entry.thread.key)).toEqual(['test::scanner-dext-never-loaded']);
  });

  it('leaves a thread whose replies answer as it is', async () => {
    const answered = [chunk('300', 'The build fails.'), chunk('300', 'Include the header only in the .iig file.', { kind: 'answer', position: 1, chunk_id: '300-1' })];
    const resolved = await resolveRedirects({ findThreads: async () => [] }, [{ thread: retrieved(answered), chunks: answered }]);
    expect(resolved.map((entry) => entry.thread.key)).toEqual(['test::300']);
  });
});
