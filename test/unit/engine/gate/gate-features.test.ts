import { describe, expect, it } from 'vitest';
import { assessThreads } from '../../../../src/engine/confidence-gate.js';
import { gateFeatures, weighQuestion } from '../../../../src/engine/gate/gate-features.js';
import { distinctiveText, documentFrequency } from '../../../../src/engine/gate/question-weights.js';
import { coverageProbability } from '../../../../src/engine/gate/gate-model.js';
import { fittedMinConfidence, gateWeights } from '../../../../src/engine/gate/gate-weights.js';
import { uncoveredPlatform } from '../../../../src/engine/gate/platform-check.js';
import type { RetrievedThread } from '../../../../src/engine/retrieve/retrieved-thread.js';
import { countTermStats, documentTerms } from '../../../../src/text/term-stats.js';

/**
 * An index of 40 Apple driver threads: every one says "usb", "driver" and "mac"; a few name
 * rarer things (IOUserSerial, the transport entitlement); none is about Linux.
 */
const appleThreads = Array.from({ length: 40 }, (_, index) => ({
  key: `t${index}`,
  texts: [
    [
      'usb driver for my mac device',
      index < 2 ? 'IOUserSerial rx buffer overflows when the baud rate is high' : '',
      index % 10 === 0 ? 'the com.apple.developer.driverkit.transport.usb entitlement is missing' : '',
      index % 3 === 0 ? 'kernel panic after sleep' : 'the dext does not load',
    ].join('\n'),
  ],
}));
const appleStats = countTermStats(appleThreads);

function thread(id: string, overrides: Partial<RetrievedThread> = {}): RetrievedThread {
  return { key: id, id, title: id, url: null, fused: 0.05, cosine: 0.3, symbolMatches: [], hits: [], textRank: 1, vectorRank: 1, ...overrides };
}

describe('gate features', () => {
  it('weighs a term by how few threads hold it: a distinctive match covers more than a generic one', () => {
    const terms = weighQuestion('my usb driver on the mac drops bytes in IOUserSerial when the rx buffer fills', appleStats);
    expect(terms.weights.get('concept:usb')).toBeCloseTo(Math.log(41 / 41));
    // IOUserSerial is of the serial concept, which only the two IOUserSerial threads mention.
    expect(terms.weights.get('concept:serial') ?? 0).toBeGreaterThan(2);
    const threads = [thread('distinctive'), thread('generic')];
    const distinctive = gateFeatures(terms, threads, 0, 'IOUserSerial rx buffer overflows', 0.3);
    const generic = gateFeatures(terms, threads, 1, 'usb driver for my mac device', 0.3);
    expect(distinctive.coverage).toBeGreaterThan(0.5);
    expect(generic.coverage).toBeLessThan(0.1);
    expect(coverageProbability(distinctive, gateWeights)).toBeGreaterThan(coverageProbability(generic, gateWeights));
  });

  it('weighs a word by its synonyms too: "iPhone" in a forum that says "iOS" is as generic as "iOS"', () => {
    const stats = countTermStats(Array.from({ length: 20 }, (_, index) => ({ key: `t${index}`, texts: [index < 10 ? 'ios driver' : index === 10 ? 'iphone battery' : 'mac driver'] })));
    expect(stats.frequencies.get('iphone')).toBe(1);
    expect(documentFrequency('iphone', stats)).toBe(10);
    const terms = weighQuestion('iPhone battery drains fast after the iOS update', stats);
    // "iPhone" and "iOS" are one term, weighed as the more common of the two.
    expect(terms.weights.get('concept:ios')).toBeCloseTo(Math.log(21 / 11));
    const generic = gateFeatures(terms, [thread('a')], 0, 'ios driver', 0.3);
    expect(generic.coverage).toBeLessThan(0.25);
  });

  it('does not count chat spellings of function words ("cant", "doesnt", "thats") as terms', () => {
    expect([...documentTerms('the app cant open it, doesnt work and thats odd')]).toEqual(['app', 'open', 'odd']);
  });

  it('measures evidence as the distinctive weight held, so a one-word match says little however complete', () => {
    const short = gateFeatures(weighQuestion('thanks, the kernel panic', appleStats), [thread('a')], 0, 'kernel panic after sleep', 0);
    expect(short.coverage).toBe(1);
    expect(short.evidence).toBeLessThan(0.25);
    const long = gateFeatures(weighQuestion('IOUserSerial rx buffer overflows at a high baud rate', appleStats), [thread('a')], 0, 'IOUserSerial rx buffer overflows when the baud rate is high', 0);
    expect(long.evidence).toBe(1);
  });

  it('keeps only the distinctive words of a question (and its symbols whole) for the distinctive similarity', () => {
    expect(distinctiveText('my usb driver on the mac drops bytes in IOUserSerial::RxQueue', appleStats)).toBe('drops bytes IOUserSerial RxQueue IOUserSerial::RxQueue');
    expect(distinctiveText('my usb driver on the mac', appleStats)).toBe('');
  });

  it('counts the weight of terms no thread holds as unknown', () => {
    const terms = weighQuestion('usb driver udevadm hwdb rule', appleStats);
    const features = gateFeatures(terms, [thread('a')], 0, 'usb driver', 0);
    expect(features.unknown).toBeGreaterThan(0.9);
    const known = gateFeatures(weighQuestion('usb driver IOUserSerial', appleStats), [thread('a')], 0, 'usb driver', 0);
    expect(known.unknown).toBe(0);
  });

  it('measures agreement and the lead over the runner-up from the two rankings', () => {
    const terms = weighQuestion('IOUserSerial rx buffer', appleStats);
    const both = [thread('a', { textRank: 0, vectorRank: 0, fused: 0.09 }), thread('b', { fused: 0.04 })];
    expect(gateFeatures(terms, both, 0, 'x', 0)).toMatchObject({ agreement: 1, margin: expect.closeTo(0.05 / (2 / 21), 3) });
    const split = [thread('a', { textRank: 0, vectorRank: 1, fused: 0.06 }), thread('b', { textRank: 1, vectorRank: 0, fused: 0.06 })];
    expect(gateFeatures(terms, split, 0, 'x', 0)).toMatchObject({ agreement: 0.5, margin: 0 });
    expect(gateFeatures(terms, [thread('a', { vectorRank: undefined })], 0, 'x', 0).agreement).toBe(0);
  });

  it('raises confidence when full text and vectors agree on the best thread', () => {
    const question = 'IOUserSerial rx buffer overflows at high baud rates';
    const text = 'IOUserSerial rx buffer overflows when the baud rate is high';
    const base = { question, texts: [text, 'usb driver'], stats: appleStats };
    const agreeing = assessThreads({ ...base, threads: [thread('a', { textRank: 0, vectorRank: 0, fused: 2 / 21 }), thread('b', { textRank: 1, vectorRank: 1, fused: 2 / 22 })] });
    const disagreeing = assessThreads({ ...base, threads: [thread('a', { textRank: 0, vectorRank: 1, fused: 1 / 21 + 1 / 22 }), thread('b', { textRank: 1, vectorRank: 0, fused: 1 / 21 + 1 / 22 })] });
    expect(agreeing.confidence).toBeGreaterThan(disagreeing.confidence);
  });

  it('lifts confidence for an exact symbol match', () => {
    const terms = weighQuestion('entitlement com.apple.developer.driverkit.transport.usb missing', appleStats);
    const plain = gateFeatures(terms, [thread('a')], 0, 'the com.apple.developer.driverkit.transport.usb entitlement is missing', 0.3);
    const symbol = gateFeatures(terms, [thread('a', { symbolMatches: ['comappledeveloperdriverkittransportusb'] })], 0, 'the com.apple.developer.driverkit.transport.usb entitlement is missing', 0.3);
    expect(symbol.symbol).toBe(1);
    expect(coverageProbability(symbol, gateWeights)).toBeGreaterThan(coverageProbability(plain, gateWeights));
  });
});

describe('the platform check', () => {
  it('gates a Linux question against an index of Apple threads, however well its words match', () => {
    const question = 'how do I write a udev rule for my usb serial driver on ubuntu';
    expect(uncoveredPlatform(question, appleStats)).toBe('Linux');
    const gate = assessThreads({
      question,
      threads: [thread('a', { textRank: 0, vectorRank: 0, cosine: 0.6, fused: 0.2 })],
      texts: ['usb serial driver rule for my device on the mac'],
      stats: appleStats,
    });
    expect(gate.foreignPlatform).toBe('Linux');
    expect(gate.confidence).toBeLessThan(fittedMinConfidence);
  });

  it('recognises Windows, Android and RTOS questions by their names or their technical words', () => {
    expect(uncoveredPlatform('KMDF continuous reader on a bulk pipe', appleStats)).toBe('Windows');
    expect(uncoveredPlatform('which AOSP HAL do I implement for a usb camera', appleStats)).toBe('Android');
    expect(uncoveredPlatform('a zephyr sensor driver that uses the sensor API', appleStats)).toBe('an embedded RTOS');
    expect(uncoveredPlatform('an ISR on the ESP32 that wakes a FreeRTOS task', appleStats)).toBe('an embedded RTOS');
  });

  it('leaves a question that also names an Apple platform alone', () => {
    expect(uncoveredPlatform('my usb device works on linux and windows but the mac does not see it', appleStats)).toBeUndefined();
    expect(uncoveredPlatform('porting a linux driver to a DriverKit dext', appleStats)).toBeUndefined();
    expect(uncoveredPlatform('usb serial rx buffer overflows', appleStats)).toBeUndefined();
  });

  it('lets the index cover a platform when enough of its threads use that platform’s technical words', () => {
    const mixed = countTermStats([...appleThreads, ...Array.from({ length: 10 }, (_, index) => ({ key: `l${index}`, texts: ['udev rule and sysfs attribute for the usb serial adapter'] }))]);
    expect(uncoveredPlatform('how do I write a udev rule for my usb serial driver on ubuntu', mixed)).toBeUndefined();
  });
});
