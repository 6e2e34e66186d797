import { describe, expect, it } from 'vitest';
import type { ChatThread } from '../../../src/chat/chat-thread.js';
import { chatThreadKey, chatThreadRecord, pseudonym } from '../../../src/learn/chat-thread-record.js';

const slackThread: ChatThread = {
  platform: 'slack',
  threadId: '1700000000.000100',
  channelId: 'C0DRIVERS',
  channelName: 'drivers',
  workspaceName: 'Acme',
  url: 'https://acme.slack.com/archives/C0DRIVERS/p1700000000000100',
  botUserId: 'UBOT',
  messages: [
    { id: '1700000000.000100', authorId: 'U1', authorName: 'Ada', isBot: false, text: '<@UBOT> our HID dext never gets\u0007 reports\nfrom the gamepad <!channel>' },
    { id: '1700000001.000100', authorId: 'UBOT', authorName: 'driverdesk', isBot: true, text: 'bot text', answerId: 'x' },
    { id: '1700000002.000100', authorId: 'U2', authorName: 'Grace', isBot: false, text: 'did you try <@U1|ada> resetting it?' },
    { id: '1700000003.000100', authorId: 'U3', authorName: 'Linus', isBot: false, text: 'Report descriptors need the usage page <@U9>.' },
    { id: '1700000004.000100', authorId: 'U4', authorName: 'Empty', isBot: false, text: '   ' },
  ],
};

describe('chatThreadRecord', () => {
  const names = new Map([
    ['U1', 'member-aaaaaa'],
    ['U2', 'member-bbbbbb'],
    ['U3', 'member-cccccc'],
    ['U4', 'member-dddddd'],
    ['U9', 'member-999999'],
  ]);
  const nameOf = ({ authorId }: { authorId: string }) => names.get(authorId) ?? 'member-??????';

  it('makes the Slack record the importer would: CHANNEL:THREAD_TS id, permalink, accepted answer first, no bot text', () => {
    const record = chatThreadRecord(slackThread, { answerMessageId: '1700000003.000100', nameOf });
    expect(record).toEqual({
      id: 'C0DRIVERS:1700000000.000100',
      title: 'our HID dext never gets reports',
      question: 'our HID dext never gets reports\nfrom the gamepad',
      answers: [
        { text: 'Report descriptors need the usage page @member-999999.', author: 'member-cccccc', accepted: true },
        { text: 'did you try @member-aaaaaa resetting it?', author: 'member-bbbbbb' },
      ],
      url: slackThread.url,
      source: 'slack',
      tags: [],
      metadata: { workspace: 'Acme', channel: 'drivers', learned_from_chat: true },
    });
    expect(chatThreadKey('slack', 'C0DRIVERS', '1700000000.000100')).toBe('slack::C0DRIVERS:1700000000.000100');
    expect(chatThreadKey('discord', '123', '456')).toBe('discord::456');
  });

  it('keeps names when told to, and replies in order when none is marked', () => {
    const record = chatThreadRecord(slackThread, { nameOf: ({ authorName }) => authorName });
    expect(record.answers.map((answer) => [answer.author, answer.accepted])).toEqual([
      ['Grace', undefined],
      ['Linus', undefined],
    ]);
  });

  it('names a pseudonym after the first six hex digits of the user hash', () => {
    expect(pseudonym('3f2a9c1e7b4d')).toBe('member-3f2a9c');
  });
});
