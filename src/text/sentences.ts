/** Splits prose into sentences, keeping each exactly as written (trimmed), so quotes stay verbatim. */
export function splitSentences(text: string): string[] {
  // A sentence ends at . ! or ? followed by a space (so "com.apple.developer" and "0.5" stay whole) or at a line end.
  const pieces = text.match(/[^\n]+?(?:[.!?]+(?=\s|$)|(?=\n)|$)/g) ?? [];
  return pieces.map((piece) => piece.trim()).filter((piece) => piece.length >= 3);
}

/** Collapses whitespace and cuts at a word boundary, adding an ellipsis when cut. */
export function oneLine(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
