import { createInterface } from 'node:readline';
import type { ChatEvent } from '../../chat/chat-event.js';
import type { Reply } from '../../chat/reply.js';
import { renderConsole } from './render-console.js';

export interface ConsoleChatOptions {
  respond: (event: ChatEvent) => Promise<Reply>;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const HELP = [
  'Type a question and press Enter to get a drafted answer with sources.',
  '  /similar TEXT   list threads similar to TEXT',
  '  /help           show this help',
  '  /quit           leave (Ctrl-D works too)',
].join('\n');

/**
 * A readline loop for trying the bot without any chat platform: each line is a ChatEvent,
 * each Reply is printed as plain text. Resolves when the user quits or input ends.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const reader = createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) });
  const write = (text: string) => output.write(`${text}\n`);
  write(HELP);
  reader.setPrompt('\n> ');
  reader.prompt();
  for await (const raw of reader) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') write(HELP);
    else if (line !== '') {
      const similar = line.match(/^\/similar\b\s*(.*)$/s);
      const event: ChatEvent = similar
        ? { kind: 'similar', text: similar[1] ?? '', user: 'console', channel: 'console' }
        : line.startsWith('/')
          ? { kind: 'ask', text: '', user: 'console', channel: 'console' }
          : { kind: 'ask', text: line.replace(/^\/ask\s+/, ''), user: 'console', channel: 'console' };
      if (line.startsWith('/') && !similar && !line.startsWith('/ask')) write(`Unknown command ${line.split(/\s/)[0]}.\n${HELP}`);
      else write(renderConsole(await options.respond(event)));
    }
    reader.prompt();
  }
  reader.close();
  write('bye');
}
