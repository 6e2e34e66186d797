import { describe, expect, it } from 'vitest';
import { decodeForumText, normaliseRecord } from '../../../ingest/normalise-record.js';
import type { ThreadRecord } from '../../../ingest/thread-record.js';

const record = (question: string, answers: ThreadRecord['answers'] = []): ThreadRecord => ({
  id: '1',
  title: 'Include fails &amp; build breaks',
  question,
  answers,
  url: null,
  source: 'forum',
  tags: [],
  metadata: {},
});

describe('decodeForumText', () => {
  it('decodes named and numeric entities', () => {
    expect(decodeForumText('#include &lt;DriverKit/OSMetaClass.h&gt; &amp;&amp; &quot;x&quot; it&#39;s &#x41;&#8217;')).toBe(
      '#include <DriverKit/OSMetaClass.h> && "x" it\'s A’',
    );
  });

  it('resolves HTML tags, keeps link targets, and leaves text that only looks like a tag', () => {
    expect(decodeForumText('First<br>second<p>Para <b>bold</b> <code>IOService::Start</code></p><a href="https://example.org/t/2">see here</a>')).toBe(
      'First\nsecond\n\nPara bold `IOService::Start`\n\nsee here (https://example.org/t/2)',
    );
    expect(decodeForumText('<pre><code>int x = a &lt; b;\n</code></pre>')).toBe('```\nint x = a < b;\n```');
    expect(decodeForumText('<key>idVendor</key>\n<integer>1356</integer> and #include <IOKit/IOLib.h>')).toBe(
      '<key>idVendor</key>\n<integer>1356</integer> and #include <IOKit/IOLib.h>',
    );
  });

  it('leaves an ampersand that is not an entity as written', () => {
    expect(decodeForumText('flags & ~FREAD, a &notify b')).toBe('flags & ~FREAD, a &notify b');
  });
});

describe('normaliseRecord', () => {
  it('decodes the title, the question, the answers and their authors', () => {
    const normal = normaliseRecord(record('Use &lt;IOKit/IOLib.h&gt;', [{ text: 'Try &quot;kmutil&quot;', author: 'A &amp; B' }]));
    expect(normal.title).toBe('Include fails & build breaks');
    expect(normal.question).toBe('Use <IOKit/IOLib.h>');
    expect(normal.answers).toEqual([{ text: 'Try "kmutil"', author: 'A & B' }]);
  });

  it('moves a signed DTS reply merged into the question text into the answers, before the record’s own', () => {
    const merged = [
      'Is there a way to detect at run-time whether the device supports USBDriverKit?',
      '',
      'Is there a way to detect at run-time whether the device supports USBDriverKit?',
      '',
      'DEXTs load by matching against specific devices, so there is nothing to detect.',
      '',
      '__',
      'Kevin Elliott',
      'DTS Engineer, CoreOS/Hardware',
      '',
      'Thanks. We want to tell the user how to connect the device.',
    ].join('\n');
    const normal = normaliseRecord(record(merged, [{ text: 'A later reply.' }]));
    expect(normal.question).toBe(
      'Is there a way to detect at run-time whether the device supports USBDriverKit?\n\nThanks. We want to tell the user how to connect the device.',
    );
    expect(normal.answers).toEqual([
      {
        text: 'Is there a way to detect at run-time whether the device supports USBDriverKit?\n\nDEXTs load by matching against specific devices, so there is nothing to detect.',
        author: 'Kevin Elliott, Apple DTS Engineer',
      },
      { text: 'A later reply.' },
    ]);
  });

  it('finds a Quinn-style signed reply with no quote after the post’s last question', () => {
    const merged = [
      'I need launchd to run a script when a USB device connects.',
      'Any idea on what I am doing wrong?',
      'Use xpc_set_event_stream_handler to listen for match events.',
      'Share and Enjoy',
      '—',
      'Quinn “The Eskimo!”',
      'Apple Developer Relations, Developer Technical Support, Core OS/Hardware',
      'let myEmail = "eskimo" + "1" + "@apple.com"',
    ].join('\n');
    const normal = normaliseRecord(record(merged));
    expect(normal.question).toBe('I need launchd to run a script when a USB device connects.\nAny idea on what I am doing wrong?');
    expect(normal.answers).toEqual([{ text: 'Use xpc_set_event_stream_handler to listen for match events.', author: 'Quinn “The Eskimo!”, Apple DTS Engineer' }]);
  });

  it('leaves a question without a staff signature as it is, even when it mentions DTS', () => {
    const question = 'Hi, @DTS Engineer\nI would like to thank Apple DTS for the help.\nI would like to thank Apple DTS for the help.';
    expect(normaliseRecord(record(question))).toMatchObject({ question, answers: [] });
  });
});
