/** Lines that arrive closer together than this are one paste: nobody types Enter and a whole new line that fast. */
export const PASTE_GAP_MS = 30;

/** Console commands; a line starting with one begins a new item even inside a burst of lines. */
const COMMAND = /^\/(?:ask|similar|help|quit|exit)\b/;
/** Commands that take no text: they are items of their own. */
const BARE_COMMAND = /^\/(?:help|quit|exit)\s*$/;

/**
 * Turns typed or pasted lines into items (questions or commands). A pasted log arrives as many
 * lines at once: lines within PASTE_GAP_MS of each other, or between a terminal's bracketed-paste
 * markers, are one item, joined with newlines, so a kernel panic is one question, not fifteen.
 */
export class LineGrouper {
  private readonly lines: string[] = [];
  private readonly items: string[] = [];
  private readonly waiters: Array<(item: string | undefined) => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private pasting = false;
  /** After a bracketed paste, the next Enter sends what was pasted. */
  private pasted = false;
  private ended = false;

  constructor(private readonly gapMs = PASTE_GAP_MS) {}

  push(line: string): void {
    if (COMMAND.test(line.trim()) && !this.pasting) {
      this.flush();
      if (BARE_COMMAND.test(line.trim())) {
        this.emit(line.trim());
        return;
      }
    }
    this.lines.push(line);
    if (this.pasting) return;
    if (this.pasted) {
      this.pasted = false;
      this.flush();
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.gapMs);
  }

  /** The terminal says a paste begins (bracketed paste). */
  pasteStart(): void {
    clearTimeout(this.timer);
    this.pasting = true;
  }

  /** The paste ended: the next Enter (an empty line is fine) sends it. */
  pasteEnd(): void {
    this.pasting = false;
    this.pasted = true;
  }

  /** Input ended: whatever is pending is the last item. */
  end(): void {
    this.flush();
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** The next item, or undefined once input has ended and every item was taken. */
  next(): Promise<string | undefined> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const text = this.lines.splice(0).join('\n').trim();
    if (text !== '') this.emit(text);
  }

  private emit(item: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }
}
