import type { Engine } from '../engine/index.js';
import { chatMessageFor } from '../errors.js';
import type { LearnerDeps } from '../learn/learn-thread.js';
import type { Logger } from '../logger.js';
import type { AnswerMemory } from './answer-memory.js';
import type { ChatEvent } from './chat-event.js';
import type { ChatRateLimiter } from './rate-limiter.js';
import type { Reply } from './reply.js';
import { respondToAction } from './respond-to-action.js';
import { respondToForget, respondToSolved } from './respond-to-learning.js';
import { respondToQuestion } from './respond-to-question.js';

export interface RespondDeps {
  engine: Engine;
  logger: Logger;
  rateLimiter?: ChatRateLimiter;
  /** The answer memory buttons refer to; without it a button other than a vote finds nothing. */
  memory?: AnswerMemory;
  /** Learning solved threads; without it `solved` is refused and `/forget` finds nothing. */
  learner?: LearnerDeps;
}

export interface RespondOptions {
  /** Receives a streamed draft as it is written. */
  onToken?: (token: string) => void;
}

/**
 * The platform-free flow behind every adapter: budget check → engine, answer memory or
 * learner → Reply. This is the single place where errors become a short apology; the details
 * go to the log only.
 */
export async function respondToEvent(deps: RespondDeps, event: ChatEvent, options: RespondOptions = {}): Promise<Reply> {
  try {
    switch (event.kind) {
      case 'ask':
      case 'similar':
        return await respondToQuestion(deps, event, options);
      case 'action':
        return await respondToAction(deps, event, options);
      case 'solved':
        return await respondToSolved(deps, event);
      case 'forget':
        return await respondToForget(deps, event);
    }
  } catch (error) {
    deps.logger.error({ err: error, event: { kind: event.kind, channel: event.channel } }, 'answering a chat event failed');
    return { kind: 'error', text: chatMessageFor(error) };
  }
}
