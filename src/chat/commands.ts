/** A slash command both chat platforms offer; adapters turn it into their own format. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** The free-text option ("question", "text"). */
  textOption: { name: string; description: string };
  /** Event the command becomes. */
  kind: 'ask' | 'similar';
}

export const COMMANDS = [
  {
    name: 'ask',
    description: 'Draft an answer from the forum threads that discussed your problem',
    textOption: { name: 'question', description: 'Your question, error message or log excerpt' },
    kind: 'ask',
  },
  {
    name: 'similar',
    description: 'List forum threads similar to a question or error',
    textOption: { name: 'text', description: 'A question, error message or log excerpt' },
    kind: 'similar',
  },
] as const satisfies readonly CommandDefinition[];

/** Name of the boolean option that keeps an answer visible to the caller only (Discord). */
export const PRIVATE_OPTION = { name: 'private', description: 'Only you see the answer (default: everyone in the channel)' };
