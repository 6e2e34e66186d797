/**
 * Splits text into pieces of at most `maxChars`, preferring paragraph, then line, then word
 * boundaries, so a link or a word is never cut. A code block that has to be split is closed
 * at the end of one piece and reopened at the start of the next, so each piece renders.
 */
export function splitMessage(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  let reopenFence = '';
  while (rest.length > 0) {
    const budget = maxChars - reopenFence.length - 4; // room to close a fence
    if (reopenFence.length + rest.length <= maxChars) {
      pieces.push(reopenFence + rest);
      break;
    }
    const cut = findCut(rest, budget);
    let piece = reopenFence + rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut).trimStart();
    const openFence = unclosedFence(piece);
    if (openFence !== undefined) {
      piece += '\n```';
      reopenFence = `\`\`\`${openFence}\n`;
    } else {
      reopenFence = '';
    }
    pieces.push(piece);
  }
  return pieces;
}

function findCut(text: string, budget: number): number {
  const window = text.slice(0, budget + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const index = window.lastIndexOf(separator);
    if (index > budget * 0.3) return index + separator.length;
  }
  return budget;
}

/** The language tag of a ``` block left open at the end of `text`, or undefined. */
function unclosedFence(text: string): string | undefined {
  const fences = [...text.matchAll(/```([\w+-]*)/g)];
  return fences.length % 2 === 1 ? (fences.at(-1)?.[1] ?? '') : undefined;
}
