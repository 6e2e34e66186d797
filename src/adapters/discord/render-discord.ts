import { ActionRowBuilder, ButtonBuilder, ButtonStyle, escapeMarkdown, type MessageCreateOptions } from 'discord.js';
import { encodeAction } from '../../chat/action-ids.js';
import { redactReply } from '../../chat/redact-secrets.js';
import type { Reply } from '../../chat/reply.js';
import { splitMessage } from '../../chat/split-message.js';
import { neutraliseMentions } from '../../chat/untrusted-text.js';
import type { Answer, Citation } from '../../engine/answer.js';

/** Discord's limit for a message's content. */
export const DISCORD_MAX_CONTENT = 2000;

/** Nothing the bot sends may ping anyone, whatever the text says. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export type DiscordPayload = Pick<MessageCreateOptions, 'content' | 'components' | 'allowedMentions'> & { content: string };

/** Untrusted text (forum posts, questions) as Discord content: no mentions, no masked links. */
function untrusted(text: string): string {
  return neutraliseMentions(text).replace(/\]\(/g, ']\\(');
}

function link(citation: Pick<Citation, 'title' | 'url'>): string {
  const title = escapeMarkdown(neutraliseMentions(citation.title)).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
  // <url> keeps Discord from unfurling a preview for every source.
  return citation.url && /^https?:\/\//.test(citation.url) ? `[${title}](<${citation.url}>)` : title;
}

/** The answer's body, and its tail (sources and the context line) that should stay together. */
function answerText(answer: Answer): { body: string; tail: string } {
  const body = [untrusted(answer.answer)];
  if (answer.notice) body.push(`-# ${untrusted(answer.notice)}`);
  const parts: string[] = [];
  if (answer.citations.length > 0) {
    parts.push(`**Sources**\n${answer.citations.map((citation, index) => `[${index + 1}] ${link(citation)}`).join('\n')}`);
  }
  if (answer.mode === 'no-match' && answer.similar.length > 0) {
    parts.push(`**Nearest threads**\n${answer.similar.map((thread, index) => `${index + 1}. ${link(thread)}`).join('\n')}`);
  }
  const drafter = answer.mode === 'no-match' ? 'no close match' : answer.drafter;
  parts.push(`-# ${drafter} · confidence ${answer.confidence.toFixed(2)}`);
  return { body: body.join('\n\n'), tail: parts.join('\n\n') };
}

/** Splits the body within the limit and keeps the tail whole, on the last piece when it fits. */
function splitWithTail(body: string, tail: string): string[] {
  const pieces = splitMessage(body, DISCORD_MAX_CONTENT);
  const last = pieces.at(-1);
  if (last !== undefined && last.length + 2 + tail.length <= DISCORD_MAX_CONTENT) {
    pieces[pieces.length - 1] = `${last}\n\n${tail}`;
    return pieces;
  }
  return [...pieces, ...splitMessage(tail, DISCORD_MAX_CONTENT)];
}

function answerButtons({ answerId, citations }: Answer): ActionRowBuilder<ButtonBuilder> {
  const row = new ActionRowBuilder<ButtonBuilder>();
  if (citations.length > 0) {
    row.addComponents(
      new ButtonBuilder().setCustomId(encodeAction({ kind: 'vote', vote: 'up', answerId })).setEmoji('👍').setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(encodeAction({ kind: 'vote', vote: 'down', answerId })).setEmoji('👎').setStyle(ButtonStyle.Secondary),
    );
  }
  row.addComponents(new ButtonBuilder().setCustomId(encodeAction({ kind: 'similar', answerId })).setLabel('Similar threads').setStyle(ButtonStyle.Secondary));
  return row;
}

/** A Reply → one or more messages within Discord's limits; buttons ride on the last one; token-shaped strings are redacted. */
export function renderDiscord(original: Reply): DiscordPayload[] {
  const reply = redactReply(original);
  let text = '';
  let pieces: string[] | undefined;
  let components: ActionRowBuilder<ButtonBuilder>[] = [];
  switch (reply.kind) {
    case 'answer': {
      const { body, tail } = answerText(reply.answer);
      pieces = splitWithTail(body, tail);
      components = [answerButtons(reply.answer)];
      break;
    }
    case 'similar': {
      const { results } = reply.result;
      text =
        results.length === 0
          ? 'No similar threads found.'
          : `**Similar threads**\n${results.map((thread, index) => `${index + 1}. ${link(thread)}\n   ${untrusted(escapeMarkdown(thread.snippet))}`).join('\n')}`;
      if (reply.draftId && results.length > 0) {
        components = [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId(encodeAction({ kind: 'draft', answerId: reply.draftId })).setLabel('Draft a full answer').setStyle(ButtonStyle.Primary),
          ),
        ];
      }
      break;
    }
    case 'notice':
    case 'error':
      text = untrusted(reply.text);
      break;
  }
  pieces ??= splitMessage(text, DISCORD_MAX_CONTENT);
  return pieces.map((content, index, all) => ({
    content,
    allowedMentions: NO_MENTIONS,
    components: index === all.length - 1 ? components : [],
  }));
}
