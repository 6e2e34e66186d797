import type { RecordedCall } from '../../test/fakes/fake-discord-server.js';
import type { SlackCall } from '../../test/fakes/fake-slack-api.js';

/** A live mention in Slack mrkdwn: what escaping must have turned into &lt;…&gt;. */
const SLACK_MENTION = /<!(?:channel|here|everyone|subteam)|<@[UW][A-Z0-9]+|<#C[A-Z0-9]+/;
/** A live mention in Discord content: one a zero-width space has not defused. */
const DISCORD_MENTION = /(?<!\u200b)@(?:everyone|here)\b|<@[!&]?\d+>|<#\d+>/;

/** Everything a Slack message shows a person: blocks and the fallback text. */
export const slackText = (call: SlackCall): string => JSON.stringify(call.params.blocks ?? '') + String(call.params.text ?? '');

/** Slack messages the bot sent (posts and response_url replies) with a live mention in them. */
export function unescapedSlackMentions(calls: SlackCall[]): number {
  return calls.filter((call) => (call.method === 'chat.postMessage' || call.method === 'response_url') && SLACK_MENTION.test(slackText(call))).length;
}

/** Discord messages the bot sent that could ping: a live mention, or mentions not switched off. */
export function unescapedDiscordMentions(calls: RecordedCall[]): number {
  return calls.filter((call) => {
    if (!(call.method === 'POST' || call.method === 'PATCH') || typeof call.body?.content !== 'string') return false;
    const switchedOff = JSON.stringify(call.body.allowed_mentions) === JSON.stringify({ parse: [], replied_user: false });
    return !switchedOff || DISCORD_MENTION.test(call.body.content);
  }).length;
}

/** Messages that carry any of `secrets` verbatim. */
export function leakedSecrets(texts: string[], secrets: string[]): number {
  return texts.filter((text) => secrets.some((secret) => text.includes(secret))).length;
}
