/** Longest title made from a message; longer first lines are cut at a word and end in "…". */
const MAX_TITLE_CHARS = 100;

/**
 * A chat thread has no title of its own: take the first line of prose of its first message.
 * Code fences, quote and heading markers are skipped, so a message that opens with a pasted
 * log still gets a readable title (a message that is all code is titled by its first line of
 * code); an empty result means the message has no text at all.
 */
export function titleFromText(text: string): string {
  let inCode = false;
  let firstCodeLine: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('```')) {
      // A fence that opens and closes on one line (```code```) is not prose either.
      if (!(line.length > 3 && line.endsWith('```'))) inCode = !inCode;
      continue;
    }
    if (inCode) {
      if (line !== '') firstCodeLine ??= line;
      continue;
    }
    const prose = line
      .replace(/^(?:>+|#{1,6}|[-*•]|\d+[.)])\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (prose !== '') return shorten(prose);
  }
  return firstCodeLine === undefined ? '' : shorten(firstCodeLine.replace(/\s+/g, ' '));
}

function shorten(line: string): string {
  if (line.length <= MAX_TITLE_CHARS) return line;
  const cut = line.slice(0, MAX_TITLE_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_TITLE_CHARS / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
