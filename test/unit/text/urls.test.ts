import { describe, expect, it } from 'vitest';
import { normaliseUrl, urlVariants } from '../../../src/text/urls.js';

describe('normaliseUrl', () => {
  it('ignores scheme, www, query, fragment and trailing slash', () => {
    expect(normaliseUrl('https://www.Example.org/t/1/?x=1#r')).toBe(normaliseUrl('http://example.org/t/1'));
    expect(normaliseUrl(null)).toBeNull();
  });
});

describe('urlVariants', () => {
  it('lists the spellings a store may hold for the page, each one the same page to normaliseUrl', () => {
    const link = 'http://www.example.org/forums/thread/400/?page=2#reply';
    const variants = urlVariants(link);
    expect(variants).toEqual(expect.arrayContaining([link, 'https://example.org/forums/thread/400', 'https://example.org/forums/thread/400/', 'http://www.example.org/forums/thread/400']));
    for (const variant of variants) expect(normaliseUrl(variant)).toBe(normaliseUrl(link));
  });

  it('keeps a link that is not http(s) as written, with and without its trailing slash', () => {
    expect(urlVariants('file:///docs/usb/')).toEqual(['file:///docs/usb/', 'file:///docs/usb']);
  });
});
