import { BOT_USER_ID, type FakeSlackApi, signSlackRequest } from '../../test/fakes/fake-slack-api.js';

export const SIGNING_SECRET = 'soak-signing-secret';

/** What happened to one question sent as an app_mention. */
export interface Outcome {
  /** The receiver's HTTP status, or 0 when the connection failed. */
  status: number;
  /** Milliseconds from sending to the first reply in the thread; undefined when none came in time. */
  latencyMs: number | undefined;
  /** The thread the reply goes to (the question's ts, or its thread_ts). */
  thread: string;
}

let counter = 0;
const nextTs = () => `1800000000.${String((counter += 1)).padStart(6, '0')}`;

/**
 * Sends signed Slack requests to the bot's HTTP receiver, as Slack does, and watches the fake
 * Web API for the replies. Every question is an app_mention in its own thread.
 */
export class SlackProbe {
  /** HTTP statuses of every request sent (0: the connection failed). */
  readonly statuses: number[] = [];

  constructor(
    private readonly api: FakeSlackApi,
    private readonly receiverUrl: string,
  ) {}

  /** Posts a raw body, signed, and returns the status (0 when the connection failed or was reset). */
  async post(body: string, contentType = 'application/json', headers: Record<string, string> = {}): Promise<number> {
    try {
      const response = await fetch(this.receiverUrl, { method: 'POST', body, headers: { 'content-type': contentType, ...signSlackRequest(SIGNING_SECRET, body), ...headers } });
      await response.arrayBuffer();
      this.statuses.push(response.status);
      return response.status;
    } catch {
      this.statuses.push(0);
      return 0;
    }
  }

  /** The event_callback body of a mention, and its ts. */
  mentionBody(text: string, options: { user?: string; channel?: string; threadTs?: string; eventId?: string } = {}): { body: string; ts: string; thread: string } {
    const ts = nextTs();
    const thread = options.threadTs ?? ts;
    const event = { type: 'app_mention', user: options.user ?? 'U0001', text: `<@${BOT_USER_ID}> ${text}`, ts, channel: options.channel ?? 'C0001', event_ts: ts, ...(options.threadTs && { thread_ts: options.threadTs }) };
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: options.eventId ?? `EvSoak${ts.replace('.', '')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0001', user_id: BOT_USER_ID, is_bot: true }],
      event,
    });
    return { body, ts, thread };
  }

  /** Milliseconds from now to the first reply in `thread`, or undefined when none comes within `timeoutMs`. */
  replyTo(thread: string, timeoutMs = 60_000): Promise<number | undefined> {
    const started = performance.now();
    return this.api.waitFor((call) => call.method === 'chat.postMessage' && call.params.thread_ts === thread, { timeoutMs }).then(
      () => performance.now() - started,
      () => undefined,
    );
  }

  /** Sends a mention and waits (up to `timeoutMs`) for the first reply in its thread. */
  async ask(text: string, options: { user?: string; channel?: string; threadTs?: string; timeoutMs?: number } = {}): Promise<Outcome> {
    const { body, thread } = this.mentionBody(text, options);
    const reply = this.replyTo(thread, options.timeoutMs);
    const status = await this.post(body);
    return { status, latencyMs: await reply, thread };
  }

  /** Replies posted in a thread so far. */
  repliesIn(thread: string): number {
    return this.api.calls.filter((call) => call.method === 'chat.postMessage' && call.params.thread_ts === thread).length;
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight, keeping the order of results. */
export async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
