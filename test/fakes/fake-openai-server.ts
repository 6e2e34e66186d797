import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeOpenAiMode =
  | { kind: 'answer'; text: string }
  | { kind: 'slow'; delayMs: number; text: string }
  | { kind: 'error'; status: number }
  /** HTTP 200 with a body that is not a completion at all. */
  | { kind: 'garbage' }
  /** Never answers (the request stays open until the client gives up or the server stops). */
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A 127.0.0.1 server speaking enough of the OpenAI API for the real client libraries:
 * chat completions (plain and streamed as server-sent events) and embeddings.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  mode: FakeOpenAiMode = { kind: 'answer', text: 'OK' };
  embeddingDimensions = 8;
  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private readonly openSockets = new Set<import('node:net').Socket>();

  async start(): Promise<string> {
    this.server.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = (request.url ?? '').replace(/\?.*$/, '');
    this.requests.push({ path, body, authorization: request.headers.authorization });

    if (path.endsWith('/embeddings')) return this.embeddings(body, response);
    if (!path.endsWith('/chat/completions')) return json(response, 404, { error: { message: `no route ${path}` } });

    const mode = this.mode;
    if (mode.kind === 'error') return json(response, mode.status, { error: { message: 'fake failure', type: 'server_error' } });
    if (mode.kind === 'hang') return;
    if (mode.kind === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"choices": [{"message": nul');
      return;
    }
    if (mode.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
      if (response.destroyed) return;
    }
    const text = mode.text;
    const base = { id: 'chatcmpl-fake', created: Math.floor(Date.now() / 1000), model: String(body.model ?? 'fake') };
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const pieces = text.match(/.{1,12}/gs) ?? [];
      for (const piece of pieces) {
        response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
      }
      response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      response.end('data: [DONE]\n\n');
      return;
    }
    json(response, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  }

  private embeddings(body: Record<string, unknown>, response: ServerResponse): void {
    const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const data = inputs.map((input, index) => {
      const vector = Array.from({ length: this.embeddingDimensions }, (_, slot) => ((input.length + slot * 7) % 13) / 13);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    json(response, 200, { object: 'list', data, model: String(body.model), usage: { prompt_tokens: 1, total_tokens: 1 } });
  }
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}
