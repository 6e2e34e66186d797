import { describe, expect, it } from 'vitest';
import { type CitedThreadText, midWordCuts, quotedPassages, quotesReply, rawEntities, repeatedSentences, threadsCitedTwice } from '../../../src/eval/answer-artefacts.js';

const thread: CitedThreadText = {
  id: '1',
  title: 'Dext does not load',
  url: 'https://example.com/thread/1',
  question: ['My dext does not load after I install it with systemextensionsctl. The console shows a code signing error.'],
  answers: ['You said: My dext does not load after I install it with systemextensionsctl. Sign it with a development certificate and enable developer mode first.'],
};

describe('answer artefacts', () => {
  it('finds the quoted passages: “…” and "> " lines, ellipses trimmed', () => {
    expect(quotedPassages('A reply [1]: “Sign it with a development certificate…”\n> enable developer mode')).toEqual([
      'Sign it with a development certificate',
      'enable developer mode',
    ]);
  });

  it('counts a quote of a reply’s own words, not a reply’s echo of the question', () => {
    expect(quotesReply('A reply in “Dext does not load” [1]: “Sign it with a development certificate and enable developer mode first.”', [thread])).toBe(true);
    expect(quotesReply('A reply [1]: “My dext does not load after I install it with systemextensionsctl.”', [thread])).toBe(false);
    expect(quotesReply('No quotes at all [1].', [thread])).toBe(false);
  });

  it('counts repeated sentences', () => {
    expect(repeatedSentences('“Sign it with a development certificate.” [1] “Sign it with a development certificate.” [2]')).toBe(1);
    expect(repeatedSentences('“Sign it with a development certificate.” [1] “Enable developer mode in the settings.” [2]')).toBe(0);
  });

  it('counts a quote that starts or ends inside a word of its source, but not a quoted title', () => {
    expect(midWordCuts('A reply [1]: “Sign it with a development certifi”', [thread])).toBe(1);
    expect(midWordCuts('A reply [1]: “ign it with a development certificate”', [thread])).toBe(1);
    expect(midWordCuts('A reply [1]: “Sign it with a development certificate”', [thread])).toBe(0);
    expect(midWordCuts('“Dext does not load” [1]', [{ ...thread, question: ['Dext does not loading'] }])).toBe(0);
  });

  it('counts raw HTML entities', () => {
    expect(rawEntities('#include &lt;DriverKit/OSMetaClass.h&gt; and &#39;x&#39; &amp; more')).toBe(5);
    expect(rawEntities('#include <DriverKit/OSMetaClass.h> & more')).toBe(0);
  });

  it('counts the same thread cited twice, by id, link or title', () => {
    const listing = { id: 'driverkit-transport-usb', title: 'DriverKit transport USB', url: null };
    const full = { id: '798056', title: 'DriverKit transport USB', url: 'https://example.com/798056' };
    expect(threadsCitedTwice([listing, full])).toBe(1);
    expect(threadsCitedTwice([full, { ...full, title: 'other' }])).toBe(1);
    expect(threadsCitedTwice([listing, { id: 'x', title: 'Another thread', url: null }])).toBe(0);
  });
});
