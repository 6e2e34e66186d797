import { describe, expect, it } from 'vitest';
import { chunkIds, chunkThread, MAX_CHUNK_CHARS, splitLong } from '../../../ingest/chunk-thread.js';
import type { ThreadRecord } from '../../../ingest/thread-record.js';
import { joinWindows } from '../../../src/text/join-windows.js';

const record = (overrides: Partial<ThreadRecord> = {}): ThreadRecord => ({
  id: '42',
  title: 'Dext will not load',
  question: 'My dext does not load after I add com.apple.developer.driverkit.transport.usb to it.',
  answers: [
    { text: 'Other reply.', author: 'someone' },
    { text: 'Check the provisioning profile.', author: 'Apple DTS Engineer', accepted: true },
  ],
  url: 'https://example.org/42',
  source: 'forum',
  tags: ['driverkit'],
  metadata: {},
  ...overrides,
});

/** A long post: numbered sentences full of dotted ids and versions, about 60 characters each. */
const longPost = Array.from({ length: 80 }, (_, index) => `Step ${index} sets com.apple.developer.driverkit.key${index} on macOS 15.${index}.`).join(' ');

describe('chunkThread', () => {
  it('gives the question, then the accepted answer, then the others, with author and aliases', () => {
    const chunks = chunkThread(record({ aliases: ['listing-copy', 'other-copy'] }));
    expect(chunks.map((chunk) => [chunk.kind, chunk.text, chunk.accepted, chunk.author])).toEqual([
      ['question', 'My dext does not load after I add com.apple.developer.driverkit.transport.usb to it.', false, null],
      ['answer', 'Check the provisioning profile.', true, 'Apple DTS Engineer'],
      ['answer', 'Other reply.', false, 'someone'],
    ]);
    expect(new Set(chunks.map((chunk) => chunk.aliases))).toEqual(new Set(['listing-copy other-copy']));
    expect(chunks.map((chunk) => chunk.position)).toEqual([0, 1, 2]);
  });

  it('keeps ids stable for the same record and changes them all when anything changes, aliases included', () => {
    expect(chunkIds(record())).toEqual(chunkIds(record()));
    expect(chunkThread(record()).map((chunk) => chunk.chunk_id)).toEqual(chunkIds(record()));
    const changed = chunkIds(record({ answers: [{ text: 'A new answer.' }] }));
    expect(changed.some((id) => chunkIds(record()).includes(id))).toBe(false);
    expect(chunkIds(record({ aliases: ['listing-copy'] }))).not.toEqual(chunkIds(record()));
  });
});

describe('splitLong', () => {
  const windows = splitLong(longPost);

  it('splits a long post into windows no longer than a chunk', () => {
    expect(windows.length).toBeGreaterThan(2);
    for (const window of windows) expect(window.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
  });

  it('starts and ends every window on a whole sentence, never inside an id or a version', () => {
    for (const window of windows) {
      expect(window).toMatch(/^Step \d+ sets com\.apple\.developer\.driverkit\.key\d+ on macOS 15\.\d+\./);
      expect(window).toMatch(/Step \d+ sets com\.apple\.developer\.driverkit\.key\d+ on macOS 15\.\d+\.$/);
      expect(longPost).toContain(window);
    }
  });

  it('repeats the previous window’s last sentence, and joining the windows gives the post back', () => {
    for (let index = 1; index < windows.length; index += 1) {
      const lastSentence = (windows[index - 1] as string).match(/Step \d+ [^]*?15\.\d+\.$/)?.[0].split(/(?<=\.) (?=Step)/).at(-1);
      expect(windows[index]?.startsWith(lastSentence as string)).toBe(true);
    }
    expect(joinWindows(windows).replace(/\s+/g, ' ')).toBe(longPost);
  });

  it('cuts a single sentence longer than a chunk (a pasted log) at line breaks or spaces, not inside a word', () => {
    const log = Array.from({ length: 400 }, (_, index) => `kernel[${index}]`).join(' ');
    const pieces = splitLong(log);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(piece).toMatch(/^kernel\[\d+\].*kernel\[\d+\]$/s);
    }
  });

  it('leaves a short post whole', () => {
    expect(splitLong('  Short post.  ')).toEqual(['Short post.']);
  });
});
