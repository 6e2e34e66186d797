import { BOT_USER_ID, type FakeSlackApi } from '../../test/fakes/fake-slack-api.js';
import { hostileTexts } from '../../test/fakes/hostile-texts.js';
import { inParallel, type SlackProbe } from './slack-probe.js';
import { countReplies, type ReplyCounts } from './stats.js';

export interface HostileSlackResult extends ReplyCounts {
  texts: number;
  payloads: number;
  /** Malformed payloads answered with a 4xx or acknowledged (2xx), as they should be. */
  payloadsRefusedOrAcknowledged: number;
}

let thread = 0;
const threadTs = () => `1810000000.${String((thread += 1)).padStart(6, '0')}`;

/** Malformed, partial and oversized Slack requests: none may get a 5xx, hang or reset the connection. */
function hostilePayloads(): Array<{ body: string; contentType: string }> {
  const callback = (event: unknown) => JSON.stringify({ type: 'event_callback', team_id: 'T0001', api_app_id: 'A0001', event_id: `EvHostile${threadTs()}`, event });
  const nested = Array.from({ length: 40_000 }, (_, depth) => `${'  '.repeat(depth % 100)}- item ${depth}`).join('\n');
  return [
    { body: callback(null), contentType: 'application/json' },
    { body: callback('app_mention'), contentType: 'application/json' },
    { body: callback({ type: 'app_mention', text: `<@${BOT_USER_ID}> hi`, ts: '1.1', channel: 'C0900' }), contentType: 'application/json' },
    { body: callback({ type: 'app_mention', text: `<@${BOT_USER_ID}> hi`, ts: '1.2', user: 'U0900' }), contentType: 'application/json' },
    { body: '{"type": "event_callback", "event": {', contentType: 'application/json' },
    { body: JSON.stringify({ hello: 'world' }), contentType: 'application/json' },
    { body: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, contentType: 'application/json' },
    { body: new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: null }) }).toString(), contentType: 'application/x-www-form-urlencoded' },
    { body: new URLSearchParams({ command: '/ask', text: 'no user' }).toString(), contentType: 'application/x-www-form-urlencoded' },
    { body: callback({ type: 'app_mention', user: 'U0901', text: nested.repeat(2), ts: '1.3', channel: 'C0901' }), contentType: 'application/json' },
  ];
}

/**
 * The hostile texts as mentions inside threads (earlier turns, read through conversations.replies,
 * are hostile too), then the malformed payloads. Each question must get exactly one reply.
 */
export async function hostileSlack(probe: SlackProbe, api: FakeSlackApi): Promise<HostileSlackResult> {
  const texts = hostileTexts();
  const outcomes = await inParallel(texts, 16, async (text, index) => {
    const root = threadTs();
    api.threads.set(root, [
      { type: 'message', user: 'U0800', text: texts[(index + 1) % texts.length], ts: root },
      { type: 'message', bot_id: 'B0001', text: '<!channel> an earlier bot turn', ts: threadTs() },
    ]);
    return probe.ask(text, { user: `UHOSTILE${index % 40}`, threadTs: root, channel: 'C0800' });
  });
  const payloads = hostilePayloads();
  const statuses = [];
  for (const payload of payloads) statuses.push(await probe.post(payload.body, payload.contentType));
  await probe.ask('what is a dext?', { user: 'UMARKER' });
  return {
    ...countReplies(outcomes.map((outcome) => probe.repliesIn(outcome.thread))),
    texts: texts.length,
    payloads: payloads.length,
    payloadsRefusedOrAcknowledged: statuses.filter((status) => status >= 200 && status < 500).length,
  };
}
