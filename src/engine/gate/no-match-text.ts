import { describeReturnCode, type DecodedReturnCode } from '../query/iokit-return-codes.js';

/** The reply to a content-free follow-up ("and on iPad?") that has no earlier turn. */
export const NEEDS_EARLIER_QUESTION =
  'That reads like a follow-up, and I need the question it follows: ask it in full (for example “does a DriverKit USB driver run on iPad?”), or reply in the thread where you asked it.';

/** The text of a "no close match" reply: what was searched for, why, and where to look instead. */
export function noMatchText(options: {
  decodedCodes: DecodedReturnCode[];
  searchedFor: string;
  foreignPlatform: string | undefined;
  /** How many nearest threads are listed with the reply. */
  nearest: number;
}): string {
  const lines = [
    ...options.decodedCodes.map(describeReturnCode),
    `I found no thread that closely matches this question (searched for: ${options.searchedFor}).`,
  ];
  if (options.foreignPlatform) lines.push(`It looks like a question about ${options.foreignPlatform}, and the index holds no threads about ${options.foreignPlatform}.`);
  lines.push(
    options.nearest > 0 ? 'The nearest threads are listed below; they may still be worth a look.' : 'The index has no threads yet that share its words.',
  );
  return lines.join('\n\n');
}
