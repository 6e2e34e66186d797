import { createInterface } from 'node:readline';
import type { ChatEvent } from '../../chat/chat-event.js';
import type { Reply } from '../../chat/reply.js';
import { LineGrouper } from './line-grouper.js';
import { renderConsole } from './render-console.js';

export interface ConsoleChatOptions {
  respond: (event: ChatEvent) => Promise<Reply>;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const HELP = [
  'Type a question and press Enter to get a drafted answer with sources. A pasted log or',
  'crash report (several lines at once) is one question.',
  '  /similar TEXT   list threads similar to TEXT',
  '  /help           show this help',
  '  /quit           leave (Ctrl-D works too)',
].join('\n');

/** Terminal control sequences that turn bracketed paste on and off. */
const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/**
 * A readline loop for trying the bot without any chat platform: each question (one line, or a
 * multi-line paste) is a ChatEvent, each Reply is printed as plain text. Resolves when the user
 * quits or input ends.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = Boolean((input as NodeJS.ReadStream).isTTY);
  const reader = createInterface({ input, output, terminal });
  const grouper = new LineGrouper();
  reader.on('line', (line) => grouper.push(line));
  reader.on('close', () => grouper.end());
  if (terminal) {
    // readline reports the terminal's paste markers as keypresses named paste-start and paste-end.
    input.on('keypress', (_text: unknown, key: { name?: string } | undefined) => {
      if (key?.name === 'paste-start') grouper.pasteStart();
      if (key?.name === 'paste-end') grouper.pasteEnd();
    });
    output.write(BRACKETED_PASTE_ON);
  }
  const write = (text: string) => output.write(`${text}\n`);
  write(HELP);
  reader.setPrompt('\n> ');
  reader.prompt();
  for (let item = await grouper.next(); item !== undefined; item = await grouper.next()) {
    if (item === '/quit' || item === '/exit') break;
    const unknown = item.match(/^(\/[a-z]+)(?:\s|$)/i);
    if (item === '/help') write(HELP);
    else if (unknown && !/^\/(?:ask|similar)$/i.test(unknown[1] ?? '')) write(`Unknown command ${unknown[1]}.\n${HELP}`);
    else write(renderConsole(await options.respond(eventFor(item))));
    reader.prompt();
  }
  if (terminal) output.write(BRACKETED_PASTE_OFF);
  reader.close();
  write('bye');
}

function eventFor(item: string): ChatEvent {
  const similar = item.match(/^\/similar\b\s*(.*)$/s);
  if (similar) return { kind: 'similar', text: similar[1] ?? '', user: 'console', channel: 'console' };
  const ask = item.match(/^\/ask\b\s*(.*)$/s);
  return { kind: 'ask', text: ask ? (ask[1] ?? '') : item, user: 'console', channel: 'console' };
}
