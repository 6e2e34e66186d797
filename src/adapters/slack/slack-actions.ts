import type { BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { decodeAction } from '../../chat/action-ids.js';
import type { ChatEvent } from '../../chat/chat-event.js';
import type { Reply } from '../../chat/reply.js';
import type { Logger } from '../../logger.js';
import { renderSlack } from './render-slack.js';
import { solvedEvent } from './slack-learning.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & {
  client: WebClient;
  context: { botUserId?: string | undefined };
  respondToEvent: (event: ChatEvent) => Promise<Reply>;
  logger: Logger;
};

/**
 * A click on one of the bot's buttons: the id is decoded (an id the bot did not make is ignored)
 * and the click becomes a ChatEvent; the reply goes where the button's kind says.
 */
export async function respondToButton({ action, body, client, respond, respondToEvent, context, logger }: ButtonArgs): Promise<void> {
  const decoded = decodeAction(action.action_id);
  const channel = body.channel?.id;
  if (!decoded || !channel) return;
  const base = { user: body.user.id, channel, platform: 'slack' as const };
  const ephemeral = (reply: Reply) => respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) });

  if (decoded.kind === 'solved') {
    // The button sits on the bot's answer, inside the thread it marks solved.
    const ts = body.message?.ts;
    if (!ts) return;
    let threadTs: string | undefined;
    const reply = await respondToEvent(solvedEvent(client, { channel, ts, user: base.user, botUserId: context.botUserId, onThread: (thread) => (threadTs = thread.threadId) }));
    if (reply.kind === 'notice' && reply.announce && threadTs) await postOr(client, respond, logger, { channel, thread_ts: threadTs }, reply);
    else await ephemeral(reply);
    return;
  }
  const reply = await respondToEvent({ kind: 'action', action: decoded, ...base });
  if (reply.kind !== 'answer' || decoded.kind === 'vote' || decoded.kind === 'similar') {
    await ephemeral(reply);
    return;
  }
  // Share (an ephemeral answer, now for the channel) and draft (a DM lookup's full answer) post a message.
  await postOr(client, respond, logger, { channel }, reply);
  if (decoded.kind === 'share') await respond({ delete_original: true });
}

/** Posts a reply as a message; if Slack refuses, the person who clicked is told instead. */
async function postOr(client: WebClient, respond: RespondFn, logger: Logger, where: { channel: string; thread_ts?: string }, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ ...where, unfurl_links: false, ...renderSlack(reply) });
  } catch (error) {
    logger.error({ err: error, channel: where.channel }, 'cannot post the reply');
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Sorry, I could not post that here.' });
  }
}
