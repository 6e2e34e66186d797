import { z } from 'zod';
import { skipped, type ReadResult } from '../read-result.js';
import { describeIssue } from './describe-issue.js';
import { elementLines, parseJsonDocument } from './json-positions.js';
import type { SlackExportTree } from './slack-export-tree.js';
import { type SlackMessage, type SlackThread, slackThreadRecord } from './slack-thread-record.js';

const userSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    is_bot: z.boolean().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).loose().optional(),
  })
  .loose();
const channelSchema = z.object({ id: z.string(), name: z.string() }).loose();
const messageSchema = z
  .object({
    type: z.string().optional(),
    subtype: z.string().optional(),
    ts: z.string().regex(/^\d+\.\d+$/, 'must be a Slack timestamp like 1700000000.000100'),
    thread_ts: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().optional(),
    user_profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).loose().optional(),
    reactions: z.array(z.object({ name: z.string(), users: z.array(z.string()).optional() }).loose()).optional(),
  })
  .loose();

/** Messages that are people talking; joins, leaves, topic changes, bot posts… have other subtypes. */
const SPOKEN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/** Conversation lists other than public channels: private by nature, so not imported. */
const PRIVATE_LISTS: Array<[string, string]> = [
  ['groups.json', 'private channels are not imported'],
  ['mpims.json', 'group direct messages are not imported'],
  ['dms.json', 'direct messages are not imported'],
];

/**
 * A Slack workspace export → one record per thread of its public channels: a parent message
 * and its replies (found by `thread_ts`, also in later day files), when someone other than the
 * asker replied. Standalone messages, system messages and bots are left out.
 */
export async function* readSlackExport(tree: SlackExportTree): AsyncGenerator<ReadResult> {
  const users = new Map<string, { name: string; isBot: boolean }>();
  for await (const user of readList(tree, tree.has('users.json') ? 'users.json' : 'org_users.json', userSchema)) {
    if ('error' in user) yield user.error;
    else {
      const { value } = user;
      const name = value.profile?.display_name || value.profile?.real_name || value.real_name || value.name || value.id;
      users.set(value.id, { name, isBot: value.is_bot ?? false });
    }
  }
  const channels: Array<z.infer<typeof channelSchema>> = [];
  for await (const channel of readList(tree, 'channels.json', channelSchema)) {
    if ('error' in channel) yield channel.error;
    else channels.push(channel.value);
  }
  for (const [list, reason] of PRIVATE_LISTS) {
    let count = 0;
    if (!tree.has(list)) continue;
    for await (const entry of readList(tree, list, z.unknown())) count += 'error' in entry ? 0 : 1;
    if (count > 0) yield skipped(tree.displayPath(list), 0, `${reason} (${count} in the export)`);
  }
  const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]));
  const names = { user: (id: string) => users.get(id)?.name, channel: (id: string) => channelNames.get(id) };
  for (const channel of channels) {
    const threads = new Map<string, SlackThread>();
    for (const path of tree.dayFiles(channel.name)) {
      for await (const message of readList(tree, path, messageSchema)) {
        if ('error' in message) {
          yield message.error;
          continue;
        }
        const { value, line } = message;
        // A message outside any thread (no thread_ts) never had a reply.
        if (value.thread_ts === undefined || !isSpoken(value, users)) continue;
        const spoken: SlackMessage = {
          ts: value.ts,
          user: value.user as string,
          author: users.get(value.user as string)?.name || value.user_profile?.display_name || value.user_profile?.real_name || (value.user as string),
          text: value.text ?? '',
          reactions: value.reactions ?? [],
        };
        const thread: SlackThread = threads.get(value.thread_ts) ?? { replies: new Map() };
        threads.set(value.thread_ts, thread);
        if (value.thread_ts === value.ts) thread.parent = { message: spoken, file: tree.displayPath(path), line: line() };
        else thread.replies.set(value.ts, spoken);
      }
    }
    for (const thread of threads.values()) {
      const record = thread.parent && slackThreadRecord(channel, thread, names);
      if (record && thread.parent) yield { success: true, value: record, file: thread.parent.file, line: thread.parent.line };
    }
  }
}

function isSpoken(message: z.infer<typeof messageSchema>, users: Map<string, { isBot: boolean }>): boolean {
  return (
    (message.type ?? 'message') === 'message' &&
    SPOKEN_SUBTYPES.has(message.subtype) &&
    message.bot_id === undefined &&
    message.user !== undefined &&
    !users.get(message.user)?.isBot &&
    (message.text ?? '').trim() !== ''
  );
}

/** Each element of a JSON array file, validated; a bad file or element is reported with its line. */
async function* readList<Schema extends z.ZodType>(
  tree: SlackExportTree,
  path: string,
  schema: Schema,
): AsyncGenerator<{ value: z.infer<Schema>; line: () => number } | { error: ReadResult }> {
  const file = tree.displayPath(path);
  let text: string;
  try {
    text = await tree.read(path);
  } catch (error) {
    yield { error: skipped(file, 0, `cannot read file: ${(error as Error).message}`) };
    return;
  }
  const parsed = parseJsonDocument(text);
  if (!parsed.success) {
    yield { error: skipped(file, parsed.line, parsed.error) };
    return;
  }
  if (!Array.isArray(parsed.value)) {
    yield { error: skipped(file, 1, 'expected a JSON array') };
    return;
  }
  const lineOf = elementLines(text, []);
  for (const [index, element] of parsed.value.entries()) {
    const result = schema.safeParse(element);
    // The line is looked up only for what is reported or becomes a record: most messages are neither.
    if (result.success) yield { value: result.data, line: () => lineOf(index) };
    else yield { error: skipped(file, lineOf(index), `unexpected entry: ${describeIssue(result.error)}`) };
  }
}
