import { describe, expect, it } from 'vitest';
import { countTermStats, documentTerms, TermStatsCounter } from '../../../src/text/term-stats.js';

describe('documentTerms', () => {
  it('gives stemmed content words and exact symbols, each once', () => {
    const terms = documentTerms('Drivers crash: IOService::Start returns 0xe00002bc, drivers crashed');
    expect([...terms]).toEqual(expect.arrayContaining(['driver', 'crash', 'ioservicestart', '0xe00002bc']));
    expect(terms.has('the')).toBe(false);
  });
});

describe('TermStatsCounter', () => {
  it('counts each term once per thread, across the thread’s chunks', () => {
    const stats = countTermStats([
      { key: 'a', texts: ['usb driver', 'the usb driver again'] },
      { key: 'b', texts: ['usb camera'] },
    ]);
    expect(stats.documents).toBe(2);
    expect(stats.frequencies.get('usb')).toBe(2);
    expect(stats.frequencies.get('driver')).toBe(1);
    expect(stats.frequencies.get('camera')).toBe(1);
    expect(stats.frequencies.get('kernel')).toBeUndefined();
  });

  it('never counts a term in more threads than there are, even when a thread’s chunks come apart', () => {
    const counter = new TermStatsCounter();
    counter.add('a', 'usb');
    counter.add('b', 'usb');
    counter.add('a', 'usb');
    expect(counter.result()).toMatchObject({ documents: 2 });
    expect(counter.result().frequencies.get('usb')).toBe(2);
  });
});
