import { isCodeLine, isFence, listMarkerLength } from './code-lines.js';

/**
 * The one sentence splitter: the drafter quotes its sentences, snippets show them and the
 * chunker builds its windows from them. A sentence never ends inside a dotted id
 * (`com.apple.developer.driverkit`), a version (`0.5`, `macOS 15.2`), an abbreviation
 * (e.g., i.e., etc.), a URL, a path or inline code; a code block, command or log stays whole.
 */
export interface TextSpan {
  /** `text.slice(start, end)` is the sentence exactly as written (no list marker, trimmed). */
  start: number;
  end: number;
  /** A code block, command, plist or pasted log, kept whole. */
  code: boolean;
  /** False for a text's last span when the text stops without ending it (a cut-off post). */
  complete: boolean;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g.', 'i.e.', 'vs.', 'cf.', 'approx.', 'mr.', 'mrs.', 'dr.', 'fig.', 'incl.', 'esp.', 'resp.', 'viz.', 'al.', 'ca.', 'eg.', 'ie.']);
/** Sentence-ending punctuation, with closing quotes or brackets, before a space or the end. */
const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
const ENDS_SENTENCE = /(?:[.!?…:;]["'”’)\]]*|[)"”])$/;
const ENDS_CODE = /(?:[;})\]>"'`]|```|~~~)$/;
/** A line ending like this is mid-sentence: the scraper put the inline code that follows on a line of its own. */
const OPEN_END = /(?:\b(?:the|a|an|to|of|in|on|at|for|from|with|without|and|or|by|as|use|using|call|calling|into|via|is|are|was|be|than|that|your|my|its|their|our|this)|[,(])$/i;

/** The sentences of a text as spans, in order. */
export function sentenceSpans(text: string): TextSpan[] {
  const lines = lineRanges(text);
  const lineText = (index: number) => {
    const line = lines[index];
    return line ? text.slice(line.start, line.end) : '';
  };
  const spans: TextSpan[] = [];
  let index = 0;
  while (index < lines.length) {
    const content = lineText(index);
    const start = (lines[index] as { start: number }).start;
    if (content.trim() === '') {
      index += 1;
      continue;
    }
    let last = index;
    if (isFence(content)) {
      while (last + 1 < lines.length && !isFence(lineText(last + 1))) last += 1;
      const closed = last + 1 < lines.length;
      if (closed) last += 1;
      pushTrimmed(text, spans, start, (lines[last] as { end: number }).end, true, closed);
    } else if (isCodeLine(content)) {
      // A blank line inside a code block does not end it when code follows.
      while (last + 1 < lines.length && (isCodeLine(lineText(last + 1)) || (lineText(last + 1).trim() === '' && isCodeLine(lineText(last + 2))))) {
        last += 1;
      }
      pushTrimmed(text, spans, start, (lines[last] as { end: number }).end, true, true);
    } else {
      for (;;) {
        if (last + 1 < lines.length && continuesLine(lineText(last), lineText(last + 1), false)) last += 1;
        else if (last + 2 < lines.length && lineText(last + 1).trim() === '' && continuesLine(lineText(last), lineText(last + 2), true)) last += 2;
        else break;
      }
      proseSentences(text, start + listMarkerLength(content), (lines[last] as { end: number }).end, spans);
    }
    index = last + 1;
  }
  const final = spans.at(-1);
  if (final?.complete) {
    const tail = text.slice(final.start, final.end);
    final.complete = final.code ? ENDS_CODE.test(tail) : ENDS_SENTENCE.test(tail);
  }
  return spans;
}

/** The sentences of a text, verbatim; a last fragment the text cuts off is left out. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text)
    .filter((span) => span.complete)
    .map((span) => text.slice(span.start, span.end));
}

function lineRanges(text: string): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    ranges.push({ start, end: start + line.replace(/\r$/, '').length });
    start += line.length + 1;
  }
  return ranges;
}

/**
 * A line break inside a sentence: the line does not end one, and either it ends on a word that
 * needs more ("without the", a comma: a scraper put inline code on a line, or after a blank
 * line, of its own) or the next line goes on in lower case or with punctuation (hard wrapping).
 */
function continuesLine(previous: string, next: string, blankBetween: boolean): boolean {
  const before = previous.trimEnd();
  const after = next.trim();
  if (after === '' || isFence(next) || listMarkerLength(next) > 0 || ENDS_SENTENCE.test(before)) return false;
  if (OPEN_END.test(before)) return !isCodeLine(next) || !/\s/.test(after);
  return !blankBetween && !isCodeLine(next) && /^[a-z(.,;]/.test(after);
}

/** Splits one prose paragraph (text[start, end)) into sentence spans. */
function proseSentences(text: string, start: number, end: number, spans: TextSpan[]): void {
  const paragraph = text.slice(start, end);
  const inlineCode = [...paragraph.matchAll(/`[^`\n]*`/g)].map((match) => [match.index, match.index + match[0].length]);
  let sentenceStart = 0;
  for (const match of paragraph.matchAll(TERMINATOR)) {
    const stop = match.index + match[0].length;
    if (stop >= paragraph.trimEnd().length) break;
    if (inlineCode.some(([from, to]) => match.index > (from as number) && match.index < (to as number))) continue;
    const before = paragraph.slice(sentenceStart, stop);
    const token = (before.match(/\S+$/)?.[0] ?? '').replace(/^[("'“‘[]+/, '').toLowerCase();
    const next = paragraph.slice(stop).trimStart().charAt(0);
    if (ABBREVIATIONS.has(token.replace(/["'”’)\]]+$/, ''))) continue;
    // "etc." ends a sentence only when a new one visibly starts.
    if (token.startsWith('etc.') && !/[A-Z]/.test(next)) continue;
    // A full stop before a lower-case word is an abbreviation or a version, not a sentence end.
    if (/^[.…]/.test(match[0]) && /[a-z]/.test(next)) continue;
    // "1." or "a." alone is a list marker or an initial.
    if (!/[A-Za-z0-9]{2}/.test(before) || /^\S{1,2}$/.test(before.trim())) continue;
    pushTrimmed(text, spans, start + sentenceStart, start + stop, false, true);
    sentenceStart = stop;
  }
  pushTrimmed(text, spans, start + sentenceStart, end, false, true);
}

function pushTrimmed(text: string, spans: TextSpan[], start: number, end: number, code: boolean, complete: boolean): void {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text.charAt(from))) from += 1;
  while (to > from && /\s/.test(text.charAt(to - 1))) to -= 1;
  if (to - from >= 2) spans.push({ start: from, end: to, code, complete });
}

/** Collapses whitespace and cuts at a word boundary, adding an ellipsis when cut. */
export function oneLine(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
