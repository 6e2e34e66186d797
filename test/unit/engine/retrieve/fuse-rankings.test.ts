import { describe, expect, it } from 'vitest';
import { defaultFusion, fuseRankings, maxFusedScore } from '../../../../src/engine/retrieve/fuse-rankings.js';
import { chunk, hits } from '../../../helpers/chunks.js';

const a = chunk('a', 'IOUserClient external method returns kIOReturnNotPrivileged');
const b = chunk('b', 'USB device not matching my dext personality');
const c = chunk('c', 'virtual serial port with SerialDriverKit');

describe('fuseRankings', () => {
  it('scores a thread by the reciprocal of its rank in each list, weighted', () => {
    const [first, second] = fuseRankings(hits([a, b]), hits([b, c]), []);
    // b: 1/(k+2) from text and 1/(k+1) from vectors beats a's single 1/(k+1).
    expect(first?.id).toBe('b');
    expect(first?.fused).toBeCloseTo(1 / (defaultFusion.rrfK + 2) + 1 / (defaultFusion.rrfK + 1));
    expect(second?.id).toBe('a');
  });

  it('ranks a thread once per list by its best chunk, and keeps every chunk it returned', () => {
    const answer = chunk('a', 'Call IOServiceOpen from the app', { chunk_id: 'a-1', position: 1, kind: 'answer' });
    const [first] = fuseRankings(hits([a, answer, b]), [], []);
    expect(first?.fused).toBeCloseTo(1 / (defaultFusion.rrfK + 1));
    expect(first?.hits.map((hit) => hit.chunk_id)).toEqual(['a-0', 'a-1']);
    // b is the second thread in the list, not the third chunk.
    expect(fuseRankings(hits([a, answer, b]), [], [])[1]?.textRank).toBe(1);
  });

  it('records each thread’s rank in each list and its best cosine', () => {
    const threads = fuseRankings(hits([a, b]), hits([b, a], [0.8, 0.3]), []);
    const byId = new Map(threads.map((thread) => [thread.id, thread]));
    expect(byId.get('a')).toMatchObject({ textRank: 0, vectorRank: 1, cosine: 0.3 });
    expect(byId.get('b')).toMatchObject({ textRank: 1, vectorRank: 0, cosine: 0.8 });
    expect(fuseRankings(hits([c]), [], [])[0]?.vectorRank).toBeUndefined();
  });

  it('weights the methods as configured', () => {
    const vectorHeavy = { ...defaultFusion, vectorWeight: 3 };
    expect(fuseRankings(hits([a]), hits([b]), [], vectorHeavy)[0]?.id).toBe('b');
    expect(fuseRankings(hits([a]), hits([b]), [], { ...defaultFusion, textWeight: 3 })[0]?.id).toBe('a');
    expect(maxFusedScore(vectorHeavy)).toBeCloseTo(4 / (defaultFusion.rrfK + 1));
  });

  it('lifts the threads holding an exact symbol of the question above the others', () => {
    const [first] = fuseRankings(hits([b, c, a]), hits([c, b, a]), ['kioreturnnotprivileged']);
    expect(first?.id).toBe('a');
    expect(first?.symbolMatches).toEqual(['kioreturnnotprivileged']);
  });

  it('does not lift on a platform name such as DriverKit', () => {
    const withName = chunk('d', 'DriverKit question');
    const [first] = fuseRankings(hits([b, withName]), hits([b, withName]), ['driverkit']);
    expect(first?.id).toBe('b');
    expect(first?.symbolMatches).toEqual([]);
  });
});
