import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LineGrouper, PASTE_GAP_MS } from '../../../src/adapters/console/line-grouper.js';

async function drain(grouper: LineGrouper): Promise<string[]> {
  const items: string[] = [];
  for (let item = await grouper.next(); item !== undefined; item = await grouper.next()) items.push(item);
  return items;
}

describe('LineGrouper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins lines that arrive together into one item', async () => {
    const grouper = new LineGrouper();
    for (const line of ['panic(cpu 0 caller 0x1): "zone_require failed"', 'Kernel Extensions in backtrace:', '   com.example.driver(1.0)[AB]@0x1->0x2']) grouper.push(line);
    vi.advanceTimersByTime(PASTE_GAP_MS + 1);
    grouper.end();
    expect(await drain(grouper)).toEqual(['panic(cpu 0 caller 0x1): "zone_require failed"\nKernel Extensions in backtrace:\n   com.example.driver(1.0)[AB]@0x1->0x2']);
  });

  it('keeps lines typed apart as separate items', async () => {
    const grouper = new LineGrouper();
    grouper.push('why does my dext crash?');
    vi.advanceTimersByTime(PASTE_GAP_MS + 1);
    grouper.push('and on wake?');
    grouper.end();
    expect(await drain(grouper)).toEqual(['why does my dext crash?', 'and on wake?']);
  });

  it('starts a new item at a command, even inside a burst, and keeps a path that starts with / in the paste', async () => {
    const grouper = new LineGrouper();
    for (const line of ['Can I write a USB driver?', '/similar UserSendCDB', 'on UAS', '/help', '/quit', 'never read']) grouper.push(line);
    grouper.end();
    expect(await drain(grouper)).toEqual(['Can I write a USB driver?', '/similar UserSendCDB\non UAS', '/help', '/quit', 'never read']);
    const paths = new LineGrouper();
    for (const line of ['my kext fails to load:', '/Library/Extensions/Foo.kext failed']) paths.push(line);
    paths.end();
    expect(await drain(paths)).toEqual(['my kext fails to load:\n/Library/Extensions/Foo.kext failed']);
  });

  it('holds a bracketed paste, however slowly it arrives, until the next Enter', async () => {
    const grouper = new LineGrouper();
    grouper.pasteStart();
    grouper.push('first line of the log');
    vi.advanceTimersByTime(10 * PASTE_GAP_MS);
    grouper.push('/System/Library/Extensions/IOUSBHostFamily.kext');
    grouper.pasteEnd();
    vi.advanceTimersByTime(10 * PASTE_GAP_MS);
    grouper.push('last line, then Enter');
    grouper.push('a new question');
    grouper.end();
    expect(await drain(grouper)).toEqual(['first line of the log\n/System/Library/Extensions/IOUSBHostFamily.kext\nlast line, then Enter', 'a new question']);
  });

  it('drops empty items and ends after the last one', async () => {
    const grouper = new LineGrouper();
    grouper.push('   ');
    grouper.end();
    expect(await drain(grouper)).toEqual([]);
  });
});
