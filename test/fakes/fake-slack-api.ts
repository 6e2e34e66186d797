import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export const BOT_USER_ID = 'UBOT0001';

/**
 * A 127.0.0.1 Slack Web API for the real @slack/web-api client inside Bolt, and the target
 * of response_url posts. Every call is recorded; thread histories are set by tests.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /** conversations.replies answers, by thread ts. */
  readonly threads = new Map<string, Array<Record<string, unknown>>>();
  /** users.info answers, by user id (absent users are `user_not_found`). */
  readonly users = new Map<string, { name: string; isAdmin?: boolean }>();
  /** conversations.info names, by channel id. */
  readonly channelNames = new Map<string, string>();
  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private readonly waiters: Array<{ test: (call: SlackCall) => boolean; resolve: (call: SlackCall) => void }> = [];
  private counter = 0;
  baseUrl = '';

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  responseUrl(): string {
    return `${this.baseUrl}/response/${(this.counter += 1)}`;
  }

  waitFor(test: (call: SlackCall) => boolean, timeoutMs = 10_000): Promise<SlackCall> {
    const found = this.calls.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a Slack call')), timeoutMs);
      this.waiters.push({ test, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const path = new URL(request.url ?? '/', this.baseUrl).pathname;
    const params = parseBody(raw, String(request.headers['content-type'] ?? ''));
    const method = path.startsWith('/response/') ? 'response_url' : path.replace(/^\/api\//, '');
    const call: SlackCall = { method, params, at: performance.now() };
    this.calls.push(call);
    const result = this.result(method, params);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
    for (const waiter of [...this.waiters]) {
      if (waiter.test(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  private result(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Drivers', user: 'driverdesk', team_id: 'T0001', user_id: BOT_USER_ID, bot_id: 'B0001' };
      case 'chat.postMessage':
        return { ok: true, channel: params.channel, ts: `${Date.now() / 1000}`, message: { text: params.text } };
      case 'conversations.replies': {
        const ts = String(params.ts);
        const thread = this.threads.get(ts);
        if (thread) return { ok: true, messages: thread.slice(0, Number(params.limit ?? 1000)), has_more: false };
        // A reply's ts gives that reply (with its thread_ts), as Slack does.
        const reply = [...this.threads.values()].flat().find((message) => message.ts === ts);
        return reply ? { ok: true, messages: [reply], has_more: false } : { ok: false, error: 'thread_not_found' };
      }
      case 'conversations.info':
        return { ok: true, channel: { id: params.channel, name: this.channelNames.get(String(params.channel)) ?? 'general' } };
      case 'chat.getPermalink':
        return { ok: true, channel: params.channel, permalink: `https://drivers.slack.com/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}` };
      case 'team.info':
        return { ok: true, team: { id: 'T0001', name: 'Drivers', domain: 'drivers' } };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: params.user, name: user.name, real_name: user.name, is_admin: user.isAdmin ?? false, is_owner: false, profile: { display_name: user.name } } };
      }
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

/** Headers Slack puts on a request: v0 HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}
