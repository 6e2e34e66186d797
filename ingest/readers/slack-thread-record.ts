import type { ThreadAnswer, ThreadRecord } from '../thread-record.js';
import { type SlackNames, slackToPlainText } from './slack-text.js';
import { titleFromText } from './title-from-text.js';

/** A person's message in an export, with the author's name already looked up. */
export interface SlackMessage {
  ts: string;
  user: string;
  author: string;
  text: string;
  reactions: Array<{ name: string; users?: string[] | undefined }>;
}

/** A thread as collected from a channel's day files: its parent (with where it was) and replies by `ts`. */
export interface SlackThread {
  parent?: { message: SlackMessage; file: string; line: number };
  replies: Map<string, SlackMessage>;
}

/**
 * A collected thread → a record, or undefined when nobody but the asker replied. The id is
 * `<channel id>:<thread_ts>` (what Slack's API calls the thread), so a thread learned live
 * later gets the same id. The link is the domain-free form of a Slack permalink
 * (`https://slack.com/archives/C…/p…`), which Slack resolves for a signed-in member; an
 * export does not say which `*.slack.com` domain the workspace has.
 */
export function slackThreadRecord(channel: { id: string; name: string }, thread: SlackThread, names: SlackNames): ThreadRecord | undefined {
  const parent = thread.parent?.message;
  if (!parent) return undefined;
  const replies = [...thread.replies.values()].sort((a, b) => Number(a.ts) - Number(b.ts));
  if (!replies.some((reply) => reply.user !== parent.user)) return undefined;
  const answers: ThreadAnswer[] = replies.map((reply) => ({
    text: slackToPlainText(reply.text, names).trim(),
    author: reply.author,
    // ✅ from the asker marks the reply that solved it; Slack exports list who reacted.
    ...(reply.reactions.some((reaction) => reaction.name === 'white_check_mark' && reaction.users?.includes(parent.user)) && { accepted: true }),
  }));
  answers.sort((a, b) => Number(b.accepted ?? false) - Number(a.accepted ?? false));
  const question = slackToPlainText(parent.text, names).trim();
  const last = replies.at(-1) ?? parent;
  return {
    id: `${channel.id}:${parent.ts}`,
    title: titleFromText(question) || `#${channel.name}`,
    question,
    answers,
    url: `https://slack.com/archives/${channel.id}/p${parent.ts.replace('.', '')}`,
    source: 'slack',
    tags: [],
    replies: answers.length,
    activity: new Date(Number(last.ts) * 1000).toISOString(),
    metadata: { channel: channel.name, channelId: channel.id },
  };
}
