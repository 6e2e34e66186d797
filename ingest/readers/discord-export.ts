import { z } from 'zod';
import { skipped, type ReadResult } from '../read-result.js';
import { describeIssue } from './describe-issue.js';
import { type DiscordChannel, type DiscordMessage, discordThreads } from './discord-threads.js';
import { elementLines } from './json-positions.js';

/**
 * The parts of a DiscordChatExporter JSON export that threads are made of. Everything else
 * (attachments, embeds, stickers, roles, inline emoji…) is allowed and ignored.
 */
const authorSchema = z
  .object({ id: z.string(), name: z.string(), nickname: z.string().nullish(), isBot: z.boolean().optional() })
  .loose();

const messageSchema = z
  .object({
    id: z.string().regex(/^\d+$/, 'must be a snowflake (digits)'),
    type: z.string(),
    timestamp: z.string(),
    content: z.string(),
    author: authorSchema,
    reactions: z
      .array(
        z
          .object({
            emoji: z.object({ name: z.string().nullish(), code: z.string().nullish() }).loose(),
            users: z.array(z.object({ id: z.string() }).loose()).optional(),
          })
          .loose(),
      )
      .optional(),
    mentions: z.array(authorSchema).optional(),
    reference: z
      .object({ type: z.string().nullish(), messageId: z.string().nullish(), channelId: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

const exportSchema = z
  .object({
    guild: z.object({ id: z.string(), name: z.string() }).loose(),
    channel: z
      .object({ id: z.string(), type: z.string(), name: z.string(), categoryId: z.string().nullish(), category: z.string().nullish() })
      .loose(),
    messages: z.array(z.unknown()),
  })
  .loose();

/** True for a parsed JSON value shaped like a DiscordChatExporter export (an object with guild, channel and messages). */
export function isDiscordExport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'guild' in value && 'channel' in value && 'messages' in value;
}

/**
 * One DiscordChatExporter channel export → one record per thread (see discord-threads.ts for
 * how threads are formed). A message that does not have the exporter's shape is reported
 * with its line and left out; the rest of the file is still read.
 */
export function* readDiscordExport(value: unknown, text: string, file: string): Generator<ReadResult> {
  const document = exportSchema.safeParse(value);
  if (!document.success) {
    yield skipped(file, 1, `not a DiscordChatExporter export: ${describeIssue(document.error)}`);
    return;
  }
  const lineOf = elementLines(text, ['messages']);
  const messages: Array<DiscordMessage & { line: () => number }> = [];
  for (const [index, raw] of document.data.messages.entries()) {
    const message = messageSchema.safeParse(raw);
    if (!message.success) {
      yield skipped(file, lineOf(index), `not a DiscordChatExporter message: ${describeIssue(message.error)}`);
      continue;
    }
    messages.push({ ...message.data, line: () => lineOf(index) });
  }
  const { guild, channel } = document.data;
  const where: DiscordChannel = {
    guildId: guild.id,
    guildName: guild.name,
    id: channel.id,
    name: channel.name,
    type: channel.type,
    parentName: channel.category ?? undefined,
  };
  for (const thread of discordThreads(where, messages)) {
    yield { success: true, value: thread.record, file, line: thread.first.line() };
  }
}
