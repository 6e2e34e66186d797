import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  at: number;
  /** The status the fake answered with (set once answered). */
  status?: number;
}

export const BOT_TOKEN = 'fake-token';
export const BOT_USER = { id: '900000000000000001', username: 'driverdesk', discriminator: '0', global_name: 'driverdesk', avatar: null, bot: true };
export const APP_ID = '900000000000000002';
export const GUILD_ID = '900000000000000010';
export const AUTO_CHANNEL = '900000000000000020';
export const OTHER_CHANNEL = '900000000000000021';
export const DM_CHANNEL = '900000000000000030';
/** A text channel and a forum channel for learning tests (listed in LEARN_CHANNELS by those tests). */
export const LEARN_CHANNEL = '900000000000000022';
export const FORUM_CHANNEL = '900000000000000023';
/** A role with Manage Messages: its members are moderators. */
export const MODERATOR_ROLE = '900000000000000040';
/** @everyone's permissions in the fake guild (no Manage Messages), and a moderator's. */
const MEMBER_PERMISSIONS = 2248473465835073n;
const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | (1n << 13n);

let snowflake = 910000000000000000n;
export const nextId = () => String((snowflake += 1n));

export const userOf = (id: string, username = `user${id.slice(-3)}`) => ({ id, username, discriminator: '0', global_name: username, avatar: null });

/** How a route fails when a test asks it to: never answer, answer HTTP 500, or reset the connection. */
export type DiscordFault = 'hang' | 'http500' | 'reset';

/**
 * A local Discord for the real discord.js client: REST under /api/v10 that records every call
 * and keeps channel histories, and a gateway WebSocket that says HELLO, accepts IDENTIFY and
 * RESUME, acks heartbeats, and dispatches READY, GUILD_CREATE and whatever a test sends. Like
 * Discord it refuses a wrong bot token (401 on REST, close 4004 on the gateway) and any route
 * it does not know (404); tests can make the reaction route hang, answer 500 or reset.
 */
export class FakeDiscordServer {
  readonly calls: RecordedCall[] = [];
  /** Messages per channel id, oldest first. */
  readonly messages = new Map<string, Array<Record<string, unknown>>>();
  /** When set, starting a thread fails with Missing Permissions. */
  failThreadCreate = false;
  identifies = 0;
  resumes = 0;
  /** Faults by kind of route: only reactions can be made to fail. */
  readonly faults = new Map<'reaction', DiscordFault>();
  private readonly openSockets = new Set<import('node:net').Socket>();
  private readonly http: Server = createServer((request, response) => void this.handleRest(request, response));
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private sequence = 0;
  private readonly waiters: Array<{ test: (call: RecordedCall) => boolean; from: number; resolve: (call: RecordedCall) => void }> = [];
  private readonly threads = new Map<string, Record<string, unknown>>();
  private readonly sessionWaiters: Array<{ count: number; resolve: () => void }> = [];
  baseUrl = '';

  constructor(private readonly token = BOT_TOKEN) {}

  async start(): Promise<string> {
    this.http.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    this.http.on('upgrade', (request, socket, head) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.onGateway(ws));
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return `${this.baseUrl}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Resolves with the first call from index `after` on (default: all recorded calls) that passes `test`. */
  waitFor(test: (call: RecordedCall) => boolean, options: { after?: number; timeoutMs?: number } = {}): Promise<RecordedCall> {
    const from = options.after ?? 0;
    const found = this.calls.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a REST call')), options.timeoutMs ?? 15_000);
      this.waiters.push({ test, from, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  }

  callsSince(index: number): RecordedCall[] {
    return this.calls.slice(index);
  }

  /** Sends a gateway dispatch (op 0) to the connected client. */
  dispatch(type: string, data: unknown): void {
    this.sequence += 1;
    this.socket?.send(JSON.stringify({ op: 0, t: type, s: this.sequence, d: data }));
  }

  /** Resolves once the client has identified or resumed `count` times in all. */
  waitForSessions(count: number): Promise<void> {
    if (this.identifies + this.resumes >= count) return Promise.resolve();
    return new Promise((resolve) => this.sessionWaiters.push({ count, resolve }));
  }

  private sessionStarted(): void {
    for (const waiter of [...this.sessionWaiters]) {
      if (this.identifies + this.resumes >= waiter.count) {
        this.sessionWaiters.splice(this.sessionWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Any text frame on the gateway, for malformed payloads. */
  sendRaw(text: string): void {
    this.socket?.send(text);
  }

  /** Closes the gateway socket as Discord does when it restarts a node. */
  dropConnection(code = 4000): void {
    this.socket?.close(code, 'fake restart');
  }

  /** A user's message in a channel, as MESSAGE_CREATE; stored so history reads find it. */
  userMessage(options: { channelId: string; content: string; author?: ReturnType<typeof userOf>; mentionsBot?: boolean; guild?: boolean }) {
    const message = {
      id: nextId(),
      channel_id: options.channelId,
      ...(options.guild !== false && { guild_id: GUILD_ID, member: { roles: [], joined_at: new Date().toISOString() } }),
      // Discord sends the channel type with messages; discord.js needs it to build an uncached DM channel.
      channel_type: options.guild === false ? 1 : this.threads.has(options.channelId) ? 11 : 0,
      author: options.author ?? userOf('800000000000000001', 'alice'),
      content: options.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: options.mentionsBot ? [BOT_USER] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
    this.store(options.channelId, message);
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** An application-command or button interaction, as INTERACTION_CREATE. */
  interaction(options: {
    type: 2 | 3;
    data: Record<string, unknown>;
    channelId?: string;
    message?: Record<string, unknown>;
    user?: ReturnType<typeof userOf>;
    moderator?: boolean;
  }) {
    const interaction = {
      id: nextId(),
      application_id: APP_ID,
      type: options.type,
      data: options.data,
      guild_id: GUILD_ID,
      channel_id: options.channelId ?? OTHER_CHANNEL,
      channel: { id: options.channelId ?? OTHER_CHANNEL, type: 0, guild_id: GUILD_ID },
      member: {
        user: options.user ?? userOf('800000000000000002', 'bob'),
        roles: options.moderator ? [MODERATOR_ROLE] : [],
        permissions: String(options.moderator ? MODERATOR_PERMISSIONS : MEMBER_PERMISSIONS),
        joined_at: new Date().toISOString(),
      },
      token: `token-${nextId()}`,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 0,
      ...(options.message && { message: options.message }),
    };
    this.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  /**
   * A thread someone started, as THREAD_CREATE: in a text channel from a starter message posted
   * there, or in a forum (a post: the starter message is in the thread, with the thread's id).
   */
  userThread(options: { parentId: string; name: string; question: string; author?: ReturnType<typeof userOf>; forum?: boolean }) {
    const id = nextId();
    const starter = {
      ...this.messageOf(options.forum ? id : options.parentId, options.question, options.author ?? userOf('800000000000000001', 'alice')),
      id,
    };
    this.store(options.forum ? id : options.parentId, starter);
    const thread = this.threadOf(id, options.parentId, options.name, starter.author.id);
    this.threads.set(id, thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return { thread, starter };
  }

  /** Someone adds a reaction, as MESSAGE_REACTION_ADD (with their member, so permissions resolve). */
  reaction(options: { channelId: string; messageId: string; user: ReturnType<typeof userOf>; emoji?: string; moderator?: boolean }) {
    this.dispatch('MESSAGE_REACTION_ADD', {
      user_id: options.user.id,
      channel_id: options.channelId,
      message_id: options.messageId,
      guild_id: GUILD_ID,
      member: { user: options.user, roles: options.moderator ? [MODERATOR_ROLE] : [], joined_at: new Date().toISOString() },
      emoji: { id: null, name: options.emoji ?? '✅' },
      burst: false,
      type: 0,
    });
  }

  private threadOf(id: string, parentId: string, name: string, ownerId: string) {
    return {
      id,
      type: 11,
      guild_id: GUILD_ID,
      parent_id: parentId,
      owner_id: ownerId,
      name,
      thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date().toISOString() },
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private messageOf(channelId: string, content: string, author: ReturnType<typeof userOf>) {
    return {
      id: nextId(),
      channel_id: channelId,
      guild_id: GUILD_ID,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
  }

  private onGateway(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        if ((packet.d as { token?: string } | undefined)?.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.identifies += 1;
        this.sequence = 0;
        this.dispatch('READY', {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: `session-${this.identifies}`,
          resume_gateway_url: this.baseUrl.replace('http', 'ws'),
          application: { id: APP_ID, flags: 0 },
        });
        this.dispatch('GUILD_CREATE', this.guild());
        this.sessionStarted();
      }
      if (packet.op === 6) {
        this.resumes += 1;
        this.dispatch('RESUMED', {});
        this.sessionStarted();
      }
    });
  }

  private guild() {
    const channel = (id: string, name: string) => ({ id, type: 0, name, guild_id: GUILD_ID, position: 0, permission_overwrites: [], parent_id: null });
    return {
      id: GUILD_ID,
      name: 'Driver developers',
      unavailable: false,
      owner_id: '800000000000000009',
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        { id: GUILD_ID, name: '@everyone', permissions: String(MEMBER_PERMISSIONS), position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: MODERATOR_ROLE, name: 'moderators', permissions: String(MODERATOR_PERMISSIONS), position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      channels: [
        channel(AUTO_CHANNEL, 'driver-help'),
        channel(OTHER_CHANNEL, 'general'),
        channel(LEARN_CHANNEL, 'solved-problems'),
        { ...channel(FORUM_CHANNEL, 'help-forum'), type: 15, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 },
      ],
      threads: [...this.threads.values()],
      members: [{ user: BOT_USER, roles: [], joined_at: new Date().toISOString() }],
      member_count: 3,
      large: false,
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      joined_at: new Date().toISOString(),
    };
  }

  private store(channelId: string, message: Record<string, unknown>): void {
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
  }

  private async handleRest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const url = new URL(request.url ?? '/', this.baseUrl);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const body = raw && request.headers['content-type']?.includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const call: RecordedCall = { method: request.method ?? 'GET', path, body, at: performance.now() };
    this.calls.push(call);
    const notify = () => {
      for (const waiter of [...this.waiters]) {
        if (this.calls.indexOf(call) >= waiter.from && waiter.test(call)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(call);
        }
      }
    };
    const reply = (status: number, value?: unknown) => {
      call.status = status;
      response.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
      response.end(value === undefined ? undefined : JSON.stringify(value));
      notify();
    };
    const route = `${call.method} ${path}`;
    // Interaction callbacks and webhooks are authorised by their token in the path, everything else by the bot token.
    if (!/^\/(interactions|webhooks)\//.test(path) && request.headers.authorization !== `Bot ${this.token}`) {
      return reply(401, { code: 0, message: '401: Unauthorized' });
    }
    let match: RegExpMatchArray | null;

    if (route === 'GET /gateway/bot') {
      return reply(200, { url: this.baseUrl.replace('http', 'ws'), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (route === 'GET /users/@me') return reply(200, BOT_USER);
    if ((match = route.match(/^GET \/channels\/(\d+)$/))) {
      const thread = this.threads.get(match[1] as string);
      return thread ? reply(200, thread) : reply(404, { code: 10003, message: 'Unknown Channel' });
    }
    if ((match = route.match(/^PUT \/channels\/(\d+)\/messages\/(\d+)\/reactions\/[^/]+\/@me$/))) {
      const fault = this.faults.get('reaction');
      if (fault === 'reset') {
        request.socket.destroy();
        call.status = 0;
        return notify();
      }
      if (fault === 'hang') {
        call.status = 0;
        return notify();
      }
      return fault === 'http500' ? reply(500, { message: 'internal error', code: 0 }) : reply(204);
    }
    if ((match = route.match(/^POST \/channels\/(\d+)\/messages\/(\d+)\/threads$/))) {
      if (this.failThreadCreate) return reply(403, { code: 50013, message: 'Missing Permissions' });
      const thread = {
        id: match[2],
        type: 11,
        guild_id: GUILD_ID,
        parent_id: match[1],
        owner_id: BOT_USER.id,
        name: String(body?.name ?? 'thread'),
        thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date().toISOString() },
        message_count: 0,
        member_count: 1,
        rate_limit_per_user: 0,
        flags: 0,
      };
      this.threads.set(thread.id as string, thread);
      return reply(201, thread);
    }
    if ((match = route.match(/^POST \/channels\/(\d+)\/messages$/))) {
      const message = this.botMessage(match[1] as string, body);
      this.store(match[1] as string, message);
      return reply(200, message);
    }
    if ((match = route.match(/^GET \/channels\/(\d+)\/messages\/(\d+)$/))) {
      const found = [...this.messages.values()].flat().find((message) => message.id === match?.[2]);
      return found ? reply(200, found) : reply(404, { code: 10008, message: 'Unknown Message' });
    }
    if ((match = route.match(/^GET \/channels\/(\d+)\/messages$/))) {
      const before = url.searchParams.get('before');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      let list = [...(this.messages.get(match[1] as string) ?? [])];
      if (before) list = list.filter((message) => BigInt(message.id as string) < BigInt(before));
      return reply(200, list.reverse().slice(0, limit));
    }
    if ((match = route.match(/^POST \/interactions\/(\d+)\/([^/]+)\/callback$/))) return reply(204);
    if ((match = route.match(/^(PATCH|POST) \/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      return reply(200, this.botMessage(OTHER_CHANNEL, body));
    }
    if ((match = route.match(/^PUT \/applications\/(\d+)(\/guilds\/\d+)?\/commands$/))) {
      return reply(200, (Array.isArray(body) ? body : []).map((command: Record<string, unknown>) => ({ ...command, id: nextId(), application_id: APP_ID, version: '1' })));
    }
    reply(404, { code: 0, message: `fake Discord has no route for ${route}` });
  }

  private botMessage(channelId: string, body: Record<string, unknown> | undefined) {
    return {
      id: nextId(),
      channel_id: channelId,
      guild_id: GUILD_ID,
      author: BOT_USER,
      content: String(body?.content ?? ''),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: Number(body?.flags ?? 0),
      components: body?.components ?? [],
    };
  }
}
