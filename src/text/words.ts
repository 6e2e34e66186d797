/**
 * Plain word handling shared by the offline embedder and the engine: split, drop stop words,
 * fold simple English suffixes so "crashes", "crashed" and "crash" meet.
 */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing don done down during each even every few for from further get gets getting got had has have having he
  her here hers him his how i if in into is it its itself just let like me more most my no nor not now of off on once only or other
  our out over own same she should so some such than that the their them then there these they this those through to too under
  until up us very was way we were what when where which while who whom why will with would you your yours hi hello hey thanks
  thank please anyone someone anybody any help know want need trying try tried use using used work working works get one two
  see seem seems still there thing things question issue problem able way make made new use however since via etc`.split(/\s+/),
);

/** Lowercase alphanumeric words of a text, in order (ids and hex codes included). */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Lower-case words of any script (letters and digits), in order: for telling whether two
 * wordings are the same (a quote, a title, a post's opening), not for search.
 */
export function comparableWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A light, predictable stemmer: enough to fold plurals and common verb forms. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const [suffix, replacement] of [
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      if (suffix === 's' && word.endsWith('ss')) return word;
      return word.slice(0, -suffix.length) + replacement;
    }
  }
  return word;
}

/** Content words of a text: split, stop words dropped, stemmed. */
export function contentWords(text: string): string[] {
  return splitWords(text)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(stem);
}
