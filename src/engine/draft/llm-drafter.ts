import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describeReturnCode } from '../query/iokit-return-codes.js';
import type { DraftInput, DraftResult, Drafter } from './drafter.js';
import { fillTemplate, type Prompts } from './load-prompts.js';

export interface LlmDrafterOptions {
  model: BaseChatModel;
  /** Shown beside answers, e.g. "openai:gpt-4o-mini". */
  label: string;
  prompts: Prompts;
  /** Used when the model times out, fails or refuses. */
  fallback: Drafter;
  /** @default 20000 */
  timeoutMs?: number;
  /** Characters of each thread put in the prompt; @default 2500 */
  maxThreadChars?: number;
}

const REFUSAL = /^\s*(?:I'm sorry|I am sorry|I can(?:'|no)t (?:help|assist)|As an AI)/i;

/**
 * Drafts with a LangChain chat model. The threads go in delimited blocks marked as untrusted
 * data; citations to threads that were not given are removed; on timeout, error or refusal the
 * extractive draft is returned with a notice, so a provider outage never silences the bot.
 */
export class LlmDrafter implements Drafter {
  constructor(private readonly options: LlmDrafterOptions) {}

  async draft(input: DraftInput): Promise<DraftResult> {
    const timeoutMs = this.options.timeoutMs ?? 20_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    try {
      const text = await withDeadline(this.generate(input, signal), signal);
      if (text.trim() === '' || REFUSAL.test(text)) return await this.fallBack(input, 'The language model declined to answer');
      return { text: keepValidCitations(text, input.threads.length), mode: 'llm', drafter: this.options.label };
    } catch (error) {
      const reason = timeout.aborted ? `The language model did not answer within ${Math.round(timeoutMs / 1000)} s` : 'The language model was unavailable';
      if (input.signal?.aborted) throw error;
      return await this.fallBack(input, reason);
    }
  }

  private async generate(input: DraftInput, signal: AbortSignal): Promise<string> {
    const messages: Array<[string, string]> = [
      ['system', this.options.prompts.system],
      ...input.context.map((turn): [string, string] => [turn.role === 'user' ? 'human' : 'ai', turn.text]),
      ['human', this.userMessage(input)],
    ];
    if (!input.onToken) {
      const result = await this.options.model.invoke(messages, { signal });
      return contentText(result.content);
    }
    let text = '';
    for await (const chunk of await this.options.model.stream(messages, { signal })) {
      const piece = contentText(chunk.content);
      text += piece;
      if (piece) input.onToken(piece);
    }
    return text;
  }

  private userMessage(input: DraftInput): string {
    const maxChars = this.options.maxThreadChars ?? 2500;
    const threads = input.threads
      .map((thread, index) => {
        const body = [`Question: ${thread.question}`, ...thread.answers.map((answer, n) => `Reply ${n + 1}${answer.author ? ` by ${answer.author}` : ''}${answer.accepted ? ' (accepted)' : ''}: ${answer.text}`)]
          .join('\n')
          .slice(0, maxChars);
        return `<thread n="${index + 1}" title="${neutralise(thread.title).replaceAll('"', "'")}">\n${neutralise(body)}\n</thread>`;
      })
      .join('\n\n');
    const codes = input.decodedCodes.map(describeReturnCode).join('\n');
    return fillTemplate(this.options.prompts.user, {
      question: neutralise(input.question),
      threads,
      decoded_codes: codes ? `Error codes in the question, decoded from IOReturn.h:\n${codes}` : '',
    });
  }

  private async fallBack(input: DraftInput, reason: string): Promise<DraftResult> {
    const { onToken: _onToken, ...rest } = input;
    const draft = await this.options.fallback.draft(rest);
    input.onToken?.(draft.text);
    return { ...draft, notice: `${reason}; this answer quotes the threads directly.` };
  }
}

/** A thread or question cannot close its own block or open a new one. */
function neutralise(text: string): string {
  return text.replace(/<\/?\s*(thread|question)\b/gi, (match) => match.replace('<', '‹'));
}

/** Drops [n] markers that point past the threads the model was given. */
export function keepValidCitations(text: string, threadCount: number): string {
  return text
    .replace(/\[(\d+)\]/g, (marker, number: string) => {
      const n = Number(number);
      return n >= 1 && n <= threadCount ? marker : '';
    })
    .replace(/[ \t]+([.,;:])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** Some providers ignore the abort signal while connecting; the deadline does not depend on them. */
function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
