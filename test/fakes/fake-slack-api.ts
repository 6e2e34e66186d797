import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeSlackSocket } from './fake-slack-socket.js';
import { blockKitProblems } from './slack-block-kit.js';

export interface SlackCall {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  params: Record<string, unknown>;
  /** For response_url posts: the URL that was posted to. */
  url?: string;
  at: number;
  /** Set when the fake refused the call: Slack's error code, or the HTTP failure it simulated. */
  error?: string;
}

/** How a method fails when a test asks it to: never answer, answer HTTP 500, or reset the connection. */
export type SlackFault = 'hang' | 'http500' | 'reset';

export const BOT_USER_ID = 'UBOT0001';
export const BOT_TOKEN = 'xoxb-test';
export const APP_TOKEN = 'xapp-test';

/** Methods that take the bot token; apps.connections.open takes the app-level token. */
const BOT_METHODS = new Set([
  'auth.test',
  'chat.postMessage',
  'chat.getPermalink',
  'conversations.info',
  'conversations.replies',
  'reactions.add',
  'team.info',
  'users.info',
]);

/**
 * A 127.0.0.1 Slack Web API for the real @slack/web-api client inside Bolt, the target of
 * response_url posts, and (through apps.connections.open) a Socket Mode server. Every call is
 * recorded. Like Slack, it refuses an unknown method (`unknown_method`), a wrong token
 * (`invalid_auth`) and a message that breaks Block Kit's limits; tests can make a method hang,
 * answer 500 or reset the connection.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /** conversations.replies answers, by thread ts. */
  readonly threads = new Map<string, Array<Record<string, unknown>>>();
  readonly socketMode = new FakeSlackSocket();
  readonly faults = new Map<string, SlackFault>();
  /** users.info answers, by user id (absent users are `user_not_found`). */
  readonly users = new Map<string, { name: string; isAdmin?: boolean }>();
  /** conversations.info names, by channel id. */
  readonly channelNames = new Map<string, string>();
  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private readonly waiters: Array<{ test: (call: SlackCall) => boolean; from: number; resolve: (call: SlackCall) => void }> = [];
  private readonly sockets = new Set<Socket>();
  private counter = 0;
  baseUrl = '';

  constructor(private readonly tokens: { bot: string; app: string } = { bot: BOT_TOKEN, app: APP_TOKEN }) {}

  async start(port = 0): Promise<string> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (request, socket, head) => this.socketMode.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    this.socketMode.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  responseUrl(): string {
    return `${this.baseUrl}/response/${(this.counter += 1)}`;
  }

  /** Resolves with the first call from index `after` on (default: all recorded calls) that passes `test`. */
  waitFor(test: (call: SlackCall) => boolean, options: { after?: number; timeoutMs?: number } = {}): Promise<SlackCall> {
    const from = options.after ?? 0;
    const found = this.calls.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a Slack call')), options.timeoutMs ?? 15_000);
      this.waiters.push({ test, from, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  /** Calls the fake refused (unknown method, bad token, invalid blocks), for a suite's final check. */
  refused(): SlackCall[] {
    return this.calls.filter((call) => call.error !== undefined && !['hang', 'http500', 'reset'].includes(call.error));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const path = new URL(request.url ?? '/', this.baseUrl).pathname;
    const params = parseBody(raw, String(request.headers['content-type'] ?? ''));
    const method = path.startsWith('/response/') ? 'response_url' : path.replace(/^\/api\//, '');
    const call: SlackCall = { method, params, at: performance.now(), ...(method === 'response_url' && { url: `${this.baseUrl}${path}` }) };
    this.calls.push(call);
    const fault = this.faults.get(method);
    if (fault) {
      call.error = fault;
      if (fault === 'reset') request.socket.destroy();
      if (fault === 'http500') {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('internal error');
      }
      // 'hang': never answer; stop() destroys the socket.
    } else {
      const result = this.result(method, params, String(request.headers.authorization ?? ''));
      if (result.ok === false) call.error = String(result.error);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    }
    for (const waiter of [...this.waiters]) {
      if (this.calls.indexOf(call) >= waiter.from && waiter.test(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  private result(method: string, params: Record<string, unknown>, authorization: string): Record<string, unknown> {
    if (method !== 'response_url') {
      const known = BOT_METHODS.has(method) || method === 'apps.connections.open';
      if (!known) return { ok: false, error: 'unknown_method' };
      const token = authorization.replace(/^Bearer /, '') || String(params.token ?? '');
      if (token === '') return { ok: false, error: 'not_authed' };
      if (token !== (method === 'apps.connections.open' ? this.tokens.app : this.tokens.bot)) return { ok: false, error: 'invalid_auth' };
    }
    if (method === 'chat.postMessage' || method === 'response_url') {
      const problems = params.delete_original === true ? undefined : blockKitProblems(params);
      if (problems) return { ok: false, error: problems.error, response_metadata: { messages: problems.messages } };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Drivers', user: 'driverdesk', team_id: 'T0001', user_id: BOT_USER_ID, bot_id: 'B0001' };
      case 'apps.connections.open':
        return { ok: true, url: this.socketMode.issueUrl(this.baseUrl) };
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
        // reactions.add, response_url
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
