/**
 * Undoes the chunker's overlapping windows: consecutive windows of one post repeat the
 * previous window's last sentence, so each window is appended without the text it shares
 * with the end of the one before. Gives back the post (or as much of it as the windows hold),
 * with no sentence twice.
 */
export function joinWindows(windows: string[]): string {
  let joined = '';
  for (const window of windows) {
    if (joined === '') joined = window;
    else {
      const rest = window.slice(windowOverlap(joined, window)).trimStart();
      if (rest) joined += `\n${rest}`;
    }
  }
  return joined;
}

/** Length of the longest start of `next` (at least 8 characters) that `text` ends with: the repeated sentence; 0 when none. */
export function windowOverlap(text: string, next: string): number {
  for (let length = Math.min(next.length, text.length, 800); length >= 8; length -= 1) {
    if (text.endsWith(next.slice(0, length))) return length;
  }
  return 0;
}
