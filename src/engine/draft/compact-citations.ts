/**
 * Renumbers [n] markers densely in order of first use, so a source list never shows a thread
 * the answer does not cite. Returns the rewritten text and, for each new number, the index
 * of the thread it points to.
 */
export function compactCitations(text: string, threadCount: number): { text: string; used: number[] } {
  const mapping = new Map<number, number>();
  const used: number[] = [];
  const rewritten = text.replace(/\[(\d+)\]/g, (marker, number: string) => {
    const original = Number(number);
    if (original < 1 || original > threadCount) return marker;
    let compact = mapping.get(original);
    if (compact === undefined) {
      used.push(original - 1);
      compact = used.length;
      mapping.set(original, compact);
    }
    return `[${compact}]`;
  });
  return { text: rewritten, used };
}
