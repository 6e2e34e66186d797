import { describe, expect, it } from 'vitest';
import { escapeSlack, renderSlack, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION } from '../../../src/adapters/slack/render-slack.js';
import type { Answer } from '../../../src/engine/answer.js';

const answer = (text: string): Answer => ({
  answerId: 'a1',
  question: 'q',
  answer: text,
  mode: 'extractive',
  confidence: 0.8,
  citations: [{ id: '1', title: 'Title with <!here> and | pipe', url: 'https://example.org/1' }],
  similar: [],
  searchedFor: 'q',
  decodedCodes: [],
  drafter: 'extractive',
});

describe('renderSlack', () => {
  it('escapes &, < and > in untrusted text', () => {
    expect(escapeSlack('<!channel> & <@U123> <https://evil|click>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil|click&gt;');
  });

  it('splits a long answer into sections within 3,000 characters and 50 blocks, with a fallback text', () => {
    const message = renderSlack({ kind: 'answer', answer: answer('A sentence about pipes and interfaces [1]. '.repeat(3000)) });
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text;
      if (text) expect(text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION);
    }
    expect(JSON.stringify(message.blocks.at(-1))).toContain('dd:vote:up');
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('links sources with escaped titles and offers sharing only when asked', () => {
    const shared = renderSlack({ kind: 'answer', answer: answer('x [1]') }, { shareable: true });
    expect(JSON.stringify(shared.blocks)).toContain('<https://example.org/1|Title with &lt;!here&gt; and ¦ pipe>');
    expect(JSON.stringify(shared.blocks)).toContain('dd:share');
    expect(JSON.stringify(renderSlack({ kind: 'answer', answer: answer('x [1]') }).blocks)).not.toContain('dd:share');
  });
});
