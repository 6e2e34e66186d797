import type { FakeSlackApi, SlackFault } from '../../test/fakes/fake-slack-api.js';
import { slackText } from './output-checks.js';
import { inParallel, type SlackProbe } from './slack-probe.js';
import { countReplies, latency, type LatencySummary, type ReplyCounts } from './stats.js';

export interface LoadResult extends ReplyCounts, LatencySummary {
  concurrency: number;
  redeliveries: number;
  redeliveriesAnsweredOnce: number;
  seconds: number;
}

/**
 * `total` questions, `concurrency` in flight, each from its own user; every `redeliverEvery`th
 * event is sent again twice with X-Slack-Retry-Num, as Slack does when it thinks one was missed.
 */
export async function slackLoad(probe: SlackProbe, questions: string[], total: number, concurrency: number, redeliverEvery = 10): Promise<LoadResult> {
  const started = performance.now();
  const redelivered: string[] = [];
  const outcomes = await inParallel(
    Array.from({ length: total }, (_, index) => index),
    concurrency,
    async (index) => {
      const text = questions[index % questions.length] as string;
      const { body, thread } = probe.mentionBody(text, { user: `ULOAD${index}` });
      const reply = probe.replyTo(thread);
      await probe.post(body);
      if (index % redeliverEvery === 0) {
        redelivered.push(thread);
        for (const retry of ['1', '2']) await probe.post(body, 'application/json', { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' });
      }
      return { thread, latencyMs: await reply };
    },
  );
  const seconds = (performance.now() - started) / 1000;
  // A later question's answer comes after anything an earlier (or redelivered) one could still cause.
  await probe.ask('what is a dext?', { user: 'UMARKER' });
  const counts = countReplies(outcomes.map((outcome) => probe.repliesIn(outcome.thread)));
  return {
    ...counts,
    ...latency(outcomes.map((outcome) => outcome.latencyMs)),
    concurrency,
    redeliveries: redelivered.length,
    redeliveriesAnsweredOnce: redelivered.filter((thread) => probe.repliesIn(thread) === 1).length,
    seconds: Math.round(seconds * 10) / 10,
  };
}

export interface FloodResult extends ReplyCounts {
  notices: number;
}

/** `count` questions from one user at once: over the per-user limit each gets a notice, never silence. */
export async function slackFlood(probe: SlackProbe, api: FakeSlackApi, count = 20): Promise<FloodResult> {
  const outcomes = await Promise.all(Array.from({ length: count }, (_, index) => probe.ask(`why does my dext fail to load, attempt ${index}?`, { user: 'UFLOOD' })));
  await probe.ask('what is a dext?', { user: 'UMARKER' });
  const notices = outcomes.filter((outcome) =>
    api.calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === outcome.thread && slackText(call).includes('asking faster than I can answer')),
  ).length;
  return { ...countReplies(outcomes.map((outcome) => probe.repliesIn(outcome.thread))), notices };
}

export interface SideCallResult extends ReplyCounts, LatencySummary {
  fault: SlackFault;
}

/** reactions.add made to hang, fail with 500 or reset the connection: every answer must still come. */
export async function failingSideCalls(probe: SlackProbe, api: FakeSlackApi, questions: string[], perFault = 20): Promise<SideCallResult[]> {
  const results: SideCallResult[] = [];
  for (const fault of ['hang', 'http500', 'reset'] as const) {
    api.faults.set('reactions.add', fault);
    const outcomes = await inParallel(questions.slice(0, perFault), 5, (text, index) => probe.ask(text, { user: `USIDE${fault}${index}` }));
    api.faults.delete('reactions.add');
    await probe.ask('what is a dext?', { user: 'UMARKER' });
    results.push({ fault, ...countReplies(outcomes.map((outcome) => probe.repliesIn(outcome.thread))), ...latency(outcomes.map((outcome) => outcome.latencyMs)) });
  }
  return results;
}
