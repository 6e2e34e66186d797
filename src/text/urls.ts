/**
 * Links to a thread compared as the same page however they are spelled. `normaliseUrl` is the
 * key two links are compared by; `urlVariants` lists the spellings a store may hold under that
 * key, for an exact lookup by URL, so a lookup finds what a comparison would call the same.
 */

/** Scheme, "www.", query, fragment, letter case and a trailing slash do not make another page. */
export function normaliseUrl(url: string | null): string | null {
  if (!url?.trim()) return null;
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(?:www\.)?/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

const SCHEMES = ['https://', 'http://', 'https://www.', 'http://www.'];

/**
 * The link as given, and the page it names without query, fragment or trailing slash, with and
 * without the slash, under http and https, with and without "www.": every spelling of the page
 * that `normaliseUrl` takes for this link (letter case aside).
 */
export function urlVariants(url: string): string[] {
  const given = url.trim();
  const bare = given.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const page = /^https?:\/\/(?:www\.)?(.*)$/i.exec(bare)?.[1];
  const bases = page === undefined ? [bare] : SCHEMES.map((scheme) => `${scheme}${page}`);
  return [...new Set([given, ...bases.flatMap((base) => [base, `${base}/`])])];
}
