import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface Acknowledgement {
  envelopeId: string;
  payload: Record<string, unknown> | undefined;
}

/**
 * Slack's Socket Mode side, for the real Socket Mode client inside Bolt: `apps.connections.open`
 * hands out a ws:// URL (see FakeSlackApi), the connection is greeted with `hello`, tests push
 * envelopes (`events_api`, `slash_commands`, `interactive`) and wait for each one's ack, and
 * `disconnect` asks the client to reconnect, as Slack does when it recycles a connection.
 */
export class FakeSlackSocket {
  /** Connections opened so far (a reconnect adds one). */
  connections = 0;
  readonly acks: Acknowledgement[] = [];
  /** Anything the client sent that was not an ack of a known envelope. */
  readonly unexpected: string[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private readonly tickets = new Set<string>();
  private readonly pending = new Map<string, (ack: Acknowledgement) => void>();
  private readonly connectionWaiters: Array<{ count: number; resolve: () => void }> = [];

  /** A one-time URL, as apps.connections.open returns it. */
  issueUrl(baseUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}/link/?ticket=${ticket}`;
  }

  /** Takes an HTTP upgrade for /link/ with a ticket it issued; refuses anything else. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws));
  }

  /** Resolves once `count` connections have said hello. */
  waitForConnections(count: number): Promise<void> {
    if (this.connections >= count) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push({ count, resolve }));
  }

  /** Sends an envelope and resolves with the client's ack of it. */
  send(type: EnvelopeType, payload: unknown, extra: Record<string, unknown> = {}): Promise<Acknowledgement> {
    const envelopeId = randomUUID();
    const acked = new Promise<Acknowledgement>((resolve) => this.pending.set(envelopeId, resolve));
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' && { retry_attempt: 0, retry_reason: '' }),
      ...extra,
    };
    this.sendRaw(JSON.stringify(envelope));
    return acked;
  }

  /** Any text frame, for malformed messages. */
  sendRaw(text: string): void {
    if (!this.socket) throw new Error('no Socket Mode connection');
    this.socket.send(text);
  }

  /** Asks the client to reconnect (`refresh_requested`), as Slack does before recycling a host. */
  disconnect(reason = 'refresh_requested'): void {
    this.sendRaw(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-applink' } }));
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    this.connections += 1;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0001' },
      }),
    );
    for (const waiter of [...this.connectionWaiters]) {
      if (this.connections >= waiter.count) {
        this.connectionWaiters.splice(this.connectionWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    ws.on('message', (raw) => {
      const text = raw.toString();
      let message: { envelope_id?: unknown; payload?: Record<string, unknown> } | undefined;
      try {
        message = JSON.parse(text);
      } catch {
        message = undefined;
      }
      const envelopeId = typeof message?.envelope_id === 'string' ? message.envelope_id : undefined;
      const resolve = envelopeId ? this.pending.get(envelopeId) : undefined;
      if (!envelopeId || !resolve) {
        this.unexpected.push(text);
        return;
      }
      this.pending.delete(envelopeId);
      const ack = { envelopeId, payload: message?.payload };
      this.acks.push(ack);
      resolve(ack);
    });
  }
}
