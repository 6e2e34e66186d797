import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { encodeAction } from '../../chat/action-ids.js';
import { redactReply } from '../../chat/redact-secrets.js';
import type { Reply } from '../../chat/reply.js';
import { splitMessage } from '../../chat/split-message.js';
import type { Answer, Citation } from '../../engine/answer.js';

/** Slack's limits: text of one section, blocks per message. */
export const SLACK_MAX_SECTION = 3000;
export const SLACK_MAX_BLOCKS = 50;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}


/**
 * Untrusted text as mrkdwn: &, < and > escaped, so forum or user text can never become
 * <!channel>, <!here>, <@U…> or a link the bot did not make.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function link(citation: Pick<Citation, 'title' | 'url'>): string {
  const title = escapeSlack(citation.title).replace(/\|/g, '¦');
  return citation.url && /^https?:\/\/[^\s<>|]+$/.test(citation.url) ? `<${citation.url}|${title}>` : title;
}

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const actions = (elements: Button[]): ActionsBlock => ({ type: 'actions', elements });
const button = (text: string, actionId: string, value: string, style?: 'primary'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text, emoji: true },
  action_id: actionId,
  value,
  ...(style && { style }),
});

function sections(text: string): KnownBlock[] {
  return splitMessage(text, SLACK_MAX_SECTION - 100).map(section);
}

export interface RenderSlackOptions {
  /** Offer a "Share in channel" button (for answers only the caller can see). */
  shareable?: boolean;
}

function answerBlocks(answer: Answer, options: RenderSlackOptions & { solvable?: boolean | undefined }): KnownBlock[] {
  const blocks = sections(escapeSlack(answer.answer));
  if (answer.notice) blocks.push(context(`_${escapeSlack(answer.notice)}_`));
  if (answer.citations.length > 0) {
    blocks.push(section(`*Sources*\n${answer.citations.map((citation, index) => `[${index + 1}] ${link(citation)}`).join('\n')}`));
  }
  if (answer.mode === 'no-match' && answer.similar.length > 0) {
    blocks.push(section(`*Nearest threads*\n${answer.similar.map((thread, index) => `${index + 1}. ${link(thread)}`).join('\n')}`));
  }
  blocks.push(context(`${answer.mode === 'no-match' ? 'no close match' : escapeSlack(answer.drafter)} · confidence ${answer.confidence.toFixed(2)}`));
  const { answerId } = answer;
  const buttons: Button[] = [];
  if (answer.citations.length > 0) {
    buttons.push(button('👍', encodeAction({ kind: 'vote', vote: 'up', answerId }), answerId), button('👎', encodeAction({ kind: 'vote', vote: 'down', answerId }), answerId));
  }
  buttons.push(button('Similar threads', encodeAction({ kind: 'similar', answerId }), answerId));
  if (options.shareable) buttons.push(button('Share in channel', encodeAction({ kind: 'share', answerId }), answerId, 'primary'));
  if (options.solvable) buttons.push(button('Mark solved', encodeAction({ kind: 'solved', answerId }), answerId));
  blocks.push(actions(buttons));
  return blocks;
}

/** A Reply → Block Kit blocks (within Slack's limits) and a plain-text fallback; token-shaped strings are redacted. */
export function renderSlack(original: Reply, options: RenderSlackOptions = {}): SlackMessage {
  const reply = redactReply(original);
  let blocks: KnownBlock[];
  let text: string;
  switch (reply.kind) {
    case 'answer':
      blocks = answerBlocks(reply.answer, { ...options, solvable: reply.solvable });
      text = escapeSlack(reply.answer.answer);
      break;
    case 'similar': {
      const { results } = reply.result;
      text = results.length === 0 ? 'No similar threads found.' : `Similar threads: ${results.map((thread) => escapeSlack(thread.title)).join('; ')}`;
      blocks =
        results.length === 0
          ? [section(text)]
          : [section(`*Similar threads*\n${results.map((thread, index) => `${index + 1}. ${link(thread)}\n      ${escapeSlack(thread.snippet)}`).join('\n')}`)];
      if (reply.draftId && results.length > 0) {
        blocks.push(actions([button('Draft a full answer', encodeAction({ kind: 'draft', answerId: reply.draftId }), reply.draftId, 'primary')]));
      }
      break;
    }
    case 'notice':
    case 'error':
      text = escapeSlack(reply.text);
      blocks = [section(text)];
      break;
  }
  if (blocks.length > SLACK_MAX_BLOCKS) {
    // Keep the head of the answer and the tail (sources, context, buttons).
    blocks = [...blocks.slice(0, SLACK_MAX_BLOCKS - 5), context('_(answer shortened to fit in one Slack message)_'), ...blocks.slice(-4)];
  }
  return { text: text.length > 3000 ? `${text.slice(0, 2999)}…` : text, blocks };
}
