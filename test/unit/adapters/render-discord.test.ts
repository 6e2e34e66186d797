import { describe, expect, it } from 'vitest';
import { DISCORD_MAX_CONTENT, NO_MENTIONS, renderDiscord } from '../../../src/adapters/discord/render-discord.js';
import { REDACTED } from '../../../src/chat/redact-secrets.js';
import type { Answer } from '../../../src/engine/answer.js';

const answer = (overrides: Partial<Answer> = {}): Answer => ({
  answerId: 'a1',
  question: 'q',
  answer: 'Open the interface first [1].',
  mode: 'extractive',
  confidence: 0.8,
  citations: [{ id: '1', title: 'Pipes', url: 'https://developer.apple.com/forums/thread/1' }],
  similar: [],
  searchedFor: 'q',
  decodedCodes: [],
  drafter: 'extractive',
  ...overrides,
});

const customIds = (payload: ReturnType<typeof renderDiscord>[number]) =>
  (payload.components ?? []).flatMap((row) => (row as { toJSON(): { components: Array<{ custom_id?: string }> } }).toJSON().components.map((button) => button.custom_id));

describe('renderDiscord', () => {
  it('renders an answer with linked sources, a context line and vote and similar buttons, pinging no one', () => {
    const [payload, ...rest] = renderDiscord({ kind: 'answer', answer: answer() });
    expect(rest).toEqual([]);
    expect(payload?.content).toBe(
      'Open the interface first [1].\n\n**Sources**\n[1] [Pipes](<https://developer.apple.com/forums/thread/1>)\n\n-# extractive · confidence 0.80',
    );
    expect(payload?.allowedMentions).toEqual(NO_MENTIONS);
    expect(customIds(payload as never)).toEqual(['dd:vote:up:a1', 'dd:vote:down:a1', 'dd:similar:a1']);
  });

  it('offers no vote buttons without citations, and lists the nearest threads of a no-match', () => {
    const [payload] = renderDiscord({ kind: 'answer', answer: answer({ mode: 'no-match', citations: [], answer: 'No close match.', similar: [{ id: '9', title: 'Near', url: null, score: 0.2, snippet: 's' }] }) });
    expect(payload?.content).toContain('**Nearest threads**\n1. Near');
    expect(payload?.content).toContain('-# no close match · confidence 0.80');
    expect(customIds(payload as never)).toEqual(['dd:similar:a1']);
  });

  it('splits a long answer within 2,000 characters, never inside a code block, buttons on the last piece only', () => {
    const code = `\`\`\`cpp\n${'kern_return_t ret = Open(this, 0, nullptr);\n'.repeat(80)}\`\`\``;
    const payloads = renderDiscord({ kind: 'answer', answer: answer({ answer: `${'A sentence about pipes [1]. '.repeat(100)}\n\n${code}` }) });
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const [index, payload] of payloads.entries()) {
      expect(payload.content.length).toBeLessThanOrEqual(DISCORD_MAX_CONTENT);
      expect((payload.content.match(/```/g) ?? []).length % 2).toBe(0);
      expect(payload.allowedMentions).toEqual(NO_MENTIONS);
      expect(customIds(payload).length > 0).toBe(index === payloads.length - 1);
    }
    expect(payloads.at(-1)?.content).toContain('**Sources**');
  });

  it('defuses mentions and masked links in untrusted text, and escapes markdown in titles', () => {
    const [payload] = renderDiscord({
      kind: 'answer',
      answer: answer({
        answer: '@everyone <@123> <@&456> <#789> @here see [click](https://evil.example) [1]',
        citations: [{ id: '1', title: '**Bold** [title] <@1>', url: 'https://example.org/1' }],
      }),
    });
    const content = payload?.content ?? '';
    expect(content).not.toMatch(/@everyone|@here|<@123>|<@&456>|<#789>|<@1>/);
    expect(content).toContain('[click]\\(https://evil.example)');
    expect(content).toContain('[\\*\\*Bold\\*\\* \\[title\\] <\u200b@1>](<https://example.org/1>)');
  });

  it('links only http(s) sources', () => {
    const [payload] = renderDiscord({ kind: 'answer', answer: answer({ citations: [{ id: '1', title: 'Local', url: 'javascript:alert(1)' }] }) });
    expect(payload?.content).toContain('[1] Local');
    expect(payload?.content).not.toContain('javascript:');
  });

  it('renders a similar list with a "Draft a full answer" button when given a draft key', () => {
    const [payload] = renderDiscord({
      kind: 'similar',
      result: { query: 'q', results: [{ id: '1', title: 'Pipes', url: 'https://example.org/1', score: 0.9, snippet: 'use *CopyPipe* @here' }] },
      draftId: '42',
    });
    expect(payload?.content).toBe('**Similar threads**\n1. [Pipes](<https://example.org/1>)\n   use \\*CopyPipe\\* @\u200bhere');
    expect(customIds(payload as never)).toEqual(['dd:draft:42']);
    expect(renderDiscord({ kind: 'similar', result: { query: 'q', results: [] }, draftId: '42' })[0]).toMatchObject({ content: 'No similar threads found.', components: [] });
  });

  it('redacts token-shaped strings, and renders notices and errors as defused text', () => {
    const [answerPayload] = renderDiscord({ kind: 'answer', answer: answer({ answer: 'Your token xoxb-123456789012-1234567890123-AbCdEfGhIjKl works [1].' }) });
    expect(answerPayload?.content).toContain(`Your token ${REDACTED} works`);
    const [notice] = renderDiscord({ kind: 'notice', text: 'Slow down @everyone' });
    expect(notice).toMatchObject({ content: 'Slow down @\u200beveryone', allowedMentions: NO_MENTIONS, components: [] });
  });
});
