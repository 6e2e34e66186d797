/** A slash command; adapters turn it into their own format and read its option names from here. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** The free-text option ("question", "text", "answer", "thread"). */
  textOption: { name: string; description: string; required: boolean };
  /** Event the command becomes. */
  kind: 'ask' | 'similar' | 'solved' | 'forget';
  /** Platforms that offer it (Slack has no /solved: a ✅ or the "Mark solved" button does it). */
  platforms: ReadonlyArray<'discord' | 'slack'>;
  /** Offers PRIVATE_OPTION (Discord). */
  privateOption: boolean;
}

export const COMMANDS = [
  {
    name: 'ask',
    description: 'Draft an answer from the forum threads that discussed your problem',
    textOption: { name: 'question', description: 'Your question, error message or log excerpt', required: true },
    kind: 'ask',
    platforms: ['discord', 'slack'],
    privateOption: true,
  },
  {
    name: 'similar',
    description: 'List forum threads similar to a question or error',
    textOption: { name: 'text', description: 'A question, error message or log excerpt', required: true },
    kind: 'similar',
    platforms: ['discord', 'slack'],
    privateOption: true,
  },
  {
    name: 'solved',
    description: 'Mark this thread solved, so future questions like it find it',
    textOption: { name: 'answer', description: 'Link to (or id of) the message that solved it', required: false },
    kind: 'solved',
    platforms: ['discord'],
    privateOption: false,
  },
  {
    name: 'forget',
    description: 'Remove a thread the bot learned (the asker or a moderator)',
    textOption: { name: 'thread', description: 'Link to the thread (default: this thread)', required: false },
    kind: 'forget',
    platforms: ['discord', 'slack'],
    privateOption: false,
  },
] as const satisfies readonly CommandDefinition[];

export type Command = (typeof COMMANDS)[number];

/** The commands platform P offers (their kinds narrow with them). */
export type CommandOn<P extends 'discord' | 'slack'> = Command extends infer C ? (C extends { platforms: ReadonlyArray<infer Q> } ? (P extends Q ? C : never) : never) : never;

/** The commands a platform offers. */
export function commandsFor<P extends 'discord' | 'slack'>(platform: P): Array<CommandOn<P>> {
  return COMMANDS.filter((command) => (command.platforms as ReadonlyArray<string>).includes(platform)) as Array<CommandOn<P>>;
}

/** Name of the boolean option that keeps an answer visible to the caller only (Discord). */
export const PRIVATE_OPTION = { name: 'private', description: 'Only you see the answer (default: everyone in the channel)' };
