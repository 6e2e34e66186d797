import { APP_ID, AUTO_CHANNEL, type FakeDiscordServer, GUILD_ID, nextId, type RecordedCall, userOf } from '../../test/fakes/fake-discord-server.js';
import { hostileTexts } from '../../test/fakes/hostile-texts.js';
import { inParallel } from './slack-probe.js';
import { countReplies, latency, type LatencySummary, type ReplyCounts } from './stats.js';

export interface DiscordLoadResult extends ReplyCounts, LatencySummary {
  concurrency: number;
}

const posts = (discord: FakeDiscordServer, messageId: string): RecordedCall[] =>
  discord.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${messageId}/messages`);

/** One reply: an answer (in pieces, the last with its buttons) or a single notice. */
const replies = (discord: FakeDiscordServer, messageId: string): number => {
  const sent = posts(discord, messageId);
  const answers = sent.filter((call) => JSON.stringify(call.body?.components ?? []).includes('dd:')).length;
  return answers > 0 ? answers : sent.length;
};

async function ask(discord: FakeDiscordServer, content: string, user: string): Promise<{ id: string; latencyMs: number | undefined }> {
  const started = performance.now();
  const message = discord.userMessage({ channelId: AUTO_CHANNEL, content, author: userOf(user, 'soak') });
  const latencyMs = await discord.waitFor((call) => call.method === 'POST' && call.path === `/channels/${message.id}/messages`, { timeoutMs: 60_000 }).then(
    () => performance.now() - started,
    () => undefined,
  );
  return { id: message.id, latencyMs };
}

/** Questions in an auto channel through the fake gateway, `concurrency` in flight, each from its own user. */
export async function discordLoad(discord: FakeDiscordServer, questions: string[], total: number, concurrency: number): Promise<DiscordLoadResult> {
  const outcomes = await inParallel(Array.from({ length: total }, (_, index) => index), concurrency, (index) => {
    const text = questions[index % questions.length] as string;
    return ask(discord, text.endsWith('?') ? text : `${text}?`, `8100000000000${String(10_000 + index)}`);
  });
  await ask(discord, 'what is a dext?', '810000000000099999');
  return { ...countReplies(outcomes.map((outcome) => replies(discord, outcome.id))), ...latency(outcomes.map((outcome) => outcome.latencyMs)), concurrency };
}

export interface HostileDiscordResult extends ReplyCounts {
  payloads: number;
}

/** Malformed gateway payloads and interactions, then a sample of the hostile texts as questions. */
export async function hostileDiscord(discord: FakeDiscordServer): Promise<HostileDiscordResult> {
  const member = { user: userOf('800000000000000002', 'bob'), roles: [], permissions: '0', joined_at: new Date().toISOString() };
  const dispatch = (type: string, data: unknown) => JSON.stringify({ op: 0, t: type, s: 90_000 + Number(nextId().slice(-4)), d: data });
  const payloads = [
    'this is not JSON',
    '[1, 2, 3]',
    JSON.stringify({ op: 99, d: {} }),
    dispatch('MESSAGE_CREATE', null),
    dispatch('MESSAGE_CREATE', { id: nextId(), channel_id: AUTO_CHANNEL, content: 'why does it crash? (no author)' }),
    dispatch('INTERACTION_CREATE', { id: nextId(), type: 2, application_id: APP_ID }),
    dispatch('INTERACTION_CREATE', { id: nextId(), type: 3, application_id: APP_ID, token: 'x', channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, member, data: { custom_id: 'dd:vote', component_type: 2 }, version: 1 }),
    dispatch('GUILD_CREATE', { id: 'not-a-snowflake' }),
    dispatch('MESSAGE_CREATE', { id: nextId(), channel_id: AUTO_CHANNEL, guild_id: GUILD_ID, author: userOf('800000000000000006'), content: `why? ${'x'.repeat(5_000_000)}`, timestamp: new Date().toISOString(), type: 0, mentions: [], attachments: [], embeds: [] }),
  ];
  for (const payload of payloads) discord.sendRaw(payload);
  const texts = hostileTexts(4000).filter((_, index) => index % 6 === 0);
  const outcomes = await inParallel(texts, 8, (text, index) => ask(discord, `why does this fail? ${text}`, `8200000000000${String(10_000 + index)}`));
  await ask(discord, 'what is a dext?', '810000000000099998');
  return { ...countReplies(outcomes.map((outcome) => replies(discord, outcome.id))), payloads: payloads.length };
}
