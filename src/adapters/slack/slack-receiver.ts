import {
  type App,
  HTTPReceiver,
  type Receiver,
  type ReceiverEvent,
  type ReceiverProcessEventErrorHandlerArgs,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Config } from '../../config/types.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './slack-logger.js';

/**
 * The largest request body the HTTP receiver reads (1 MiB). Slack's own payloads are a few kB;
 * a bigger body is refused with 413 and the rest of it is read and dropped, so the connection
 * stays usable.
 */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a parsed Slack payload that Bolt would choke on, or undefined when it is routable. */
export function payloadProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'the payload is not a JSON object';
  if (body.type === 'event_callback') {
    return isRecord(body.event) && typeof body.event.type === 'string' ? undefined : 'an event_callback without an event';
  }
  if (typeof body.command === 'string') {
    return typeof body.user_id === 'string' && typeof body.channel_id === 'string' ? undefined : 'a slash command without user_id or channel_id';
  }
  if (body.type === 'block_actions') {
    return Array.isArray(body.actions) && body.actions.length > 0 && isRecord(body.user) ? undefined : 'block_actions without actions or user';
  }
  return typeof body.type === 'string' ? undefined : 'a payload of unknown shape';
}

/**
 * Bolt's receiver (HTTP, or Socket Mode when an app token is set) behind a guard: a payload
 * Bolt cannot route is acknowledged and logged instead of failing inside Bolt, and no request
 * ever gets a 5xx (Slack retries those, and a payload that failed once fails again).
 */
export class GuardedSlackReceiver implements Receiver {
  readonly inner: HTTPReceiver | SocketModeReceiver;
  private readonly logger: Logger;

  constructor(slack: Config['slack'], logger: Logger) {
    this.logger = logger;
    const bolt = boltLogger(logger);
    if (slack.appToken) {
      const socket = new SocketModeReceiver({
        appToken: slack.appToken,
        logger: bolt,
        // The Socket Mode client keeps its own Web API options (apps.connections.open retries patiently on reconnects).
        installerOptions: { clientOptions: { ...(slack.apiUrl && { slackApiUrl: slack.apiUrl }) } },
      });
      guardSocketEnvelopes(socket, logger);
      this.inner = socket;
    } else {
      this.inner = new HTTPReceiver({
        signingSecret: slack.signingSecret ?? '',
        logger: bolt,
        bodyLimit: SLACK_MAX_BODY_BYTES,
        processEventErrorHandler: (args) => this.acknowledgeFailure(args),
      });
    }
  }

  init(app: App): void {
    const processEvent = (event: ReceiverEvent): Promise<void> => {
      const problem = payloadProblem(event.body);
      if (problem === undefined) return app.processEvent(event);
      this.logger.warn({ problem }, 'acknowledged and ignored a malformed Slack payload');
      return Promise.resolve(event.ack());
    };
    // The receiver calls only processEvent; everything else is the App itself.
    this.inner.init(Object.create(app, { processEvent: { value: processEvent } }) as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return (this.inner.start as (...startArgs: unknown[]) => Promise<unknown>)(...args);
  }

  stop(): Promise<unknown> {
    return this.inner.stop();
  }

  private async acknowledgeFailure({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
    if (response.headersSent) {
      this.logger.error({ err: error }, 'a Slack handler failed after acknowledging');
      return false;
    }
    const unauthorized = (error as { code?: string }).code === 'slack_bolt_authorization_error';
    this.logger.warn({ err: error }, unauthorized ? 'refused a Slack request that could not be authorized' : 'acknowledged a Slack request Bolt could not process');
    response.writeHead(unauthorized ? 401 : 200);
    response.end();
    return false;
  }
}

/**
 * The Socket Mode client reads `payload.event.type` of every events_api envelope before any
 * guard can run, so an envelope without an event would throw inside it and never be
 * acknowledged. This listener acknowledges such envelopes itself and passes the rest on.
 */
function guardSocketEnvelopes(receiver: SocketModeReceiver, logger: Logger): void {
  const { client } = receiver;
  // `send(envelopeId)` is how the client acknowledges; it is public in JavaScript, private only in its typings.
  const acknowledge = (envelopeId: string) => (client as unknown as { send(id: string): Promise<void> }).send(envelopeId);
  const listeners = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const envelope = parseEnvelope(data, isBinary);
    if (envelope?.type === 'events_api' && !(isRecord(envelope.payload) && isRecord(envelope.payload.event) && typeof envelope.payload.event.type === 'string')) {
      logger.warn({ problem: 'an events_api envelope without an event' }, 'acknowledged and ignored a malformed Slack payload');
      if (typeof envelope.envelope_id === 'string') acknowledge(envelope.envelope_id).catch(() => undefined);
      return;
    }
    for (const listener of listeners) {
      Promise.resolve(listener(data, isBinary)).catch((error: unknown) => logger.warn({ err: error }, 'a Socket Mode message could not be handled'));
    }
  });
}

function parseEnvelope(data: unknown, isBinary: boolean): Record<string, unknown> | undefined {
  if (isBinary) return undefined;
  try {
    const parsed: unknown = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
