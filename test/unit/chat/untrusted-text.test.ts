import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../../src/chat/filters.js';
import { neutraliseMentions } from '../../../src/chat/untrusted-text.js';

describe('neutraliseMentions', () => {
  it.each(['@everyone', '@here', '<@123>', '<@!123>', '<@&456>', '<#789>', '<!channel>', '<!here>', '<@U12345>', '<@U12345|bob smith>', '<!subteam^S1|@team>', '@channel'])('defuses %s', (mention) => {
    const text = neutraliseMentions(`hello ${mention} world`);
    expect(text).not.toContain(mention);
    expect(text.replace(/\u200b/g, '')).toContain(mention);
  });
});

describe('looksLikeQuestion', () => {
  it.each(['why does my dext crash on wake?', 'how do I match an interface', 'IOServiceOpen returns 0xe00002bc', 'my driver fails to load after update'])('counts "%s"', (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });
  it.each(['thanks, that worked', 'lol', 'good morning everyone'])('ignores "%s"', (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });
});
