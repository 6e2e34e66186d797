import type { Engine } from '../engine/index.js';
import { chatMessageFor } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChatEvent } from './chat-event.js';
import type { ChatRateLimiter } from './rate-limiter.js';
import type { Reply } from './reply.js';

export interface RespondDeps {
  engine: Engine;
  logger: Logger;
  rateLimiter?: ChatRateLimiter;
}

export interface RespondOptions {
  /** Receives a streamed draft as it is written. */
  onToken?: (token: string) => void;
}

/**
 * The platform-free flow behind every adapter: budget check → engine → Reply. This is the
 * single place where errors become a short apology; the details go to the log only.
 */
export async function respondToEvent(deps: RespondDeps, event: ChatEvent, options: RespondOptions = {}): Promise<Reply> {
  try {
    if (event.kind === 'feedback') {
      const { recorded } = await deps.engine.recordFeedback({ answerId: event.answerId, userId: event.user, vote: event.vote });
      return { kind: 'notice', text: recorded ? 'Thanks, your vote was recorded.' : 'That answer is too old to vote on.' };
    }
    if (event.text.trim() === '') {
      return { kind: 'notice', text: event.kind === 'ask' ? 'Usage: ask a question, e.g. "/ask why does my dext fail to load?"' : 'Usage: /similar followed by a question, error message or log excerpt.' };
    }
    const wait = deps.rateLimiter ? await deps.rateLimiter.take(event.user, event.channel) : 0;
    if (wait > 0) return { kind: 'notice', text: `You are asking faster than I can answer; please try again in ${wait} s.` };
    if (event.kind === 'similar') return { kind: 'similar', result: await deps.engine.similar({ text: event.text }) };
    const answer = await deps.engine.ask({
      question: event.text,
      ...(event.context && { context: event.context }),
      ...(options.onToken && { onToken: options.onToken }),
    });
    return { kind: 'answer', answer };
  } catch (error) {
    deps.logger.error({ err: error, event: { kind: event.kind, channel: event.channel } }, 'answering a chat event failed');
    return { kind: 'error', text: chatMessageFor(error) };
  }
}
