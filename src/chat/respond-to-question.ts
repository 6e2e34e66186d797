import type { ChatEvent } from './chat-event.js';
import type { Reply } from './reply.js';
import type { RespondDeps, RespondOptions } from './respond-to-event.js';

type QuestionEvent = Extract<ChatEvent, { kind: 'ask' | 'similar' }>;

/** A question (`ask`) or a lookup (`similar`): usage hint when empty, rate limit, engine. */
export async function respondToQuestion(deps: RespondDeps, event: QuestionEvent, options: RespondOptions): Promise<Reply> {
  if (event.text.trim() === '') {
    return {
      kind: 'notice',
      text: event.kind === 'ask' ? 'Usage: ask a question, e.g. "/ask why does my dext fail to load?"' : 'Usage: /similar followed by a question, error message or log excerpt.',
    };
  }
  const limited = await rateLimited(deps, event);
  if (limited) return limited;
  const origin = { platform: event.platform ?? 'chat', channel: event.channel };
  if (event.kind === 'similar') {
    const result = await deps.engine.similar({ text: event.text });
    if (!event.offerDraft || !deps.memory || result.results.length === 0) return { kind: 'similar', result };
    // The lookup is kept in the answer memory, so its "Draft a full answer" button works later, anywhere.
    const draftId = crypto.randomUUID();
    await deps.memory.saveAnswer({ answerId: draftId, question: event.text, vector: [], threadKeys: [], mode: 'lookup', confidence: 0, time: Date.now(), origin });
    return { kind: 'similar', result, draftId };
  }
  return askAndReply(deps, event.text, { ...options, origin, ...(event.context && { context: event.context }) });
}

/** Asks the engine; the reply offers "Mark solved" where learning is on for the channel. */
export async function askAndReply(
  deps: RespondDeps,
  question: string,
  options: RespondOptions & { origin: { platform: string; channel: string }; context?: Extract<ChatEvent, { kind: 'ask' }>['context'] },
): Promise<Reply> {
  const answer = await deps.engine.ask({
    question,
    origin: options.origin,
    ...(options.context && { context: options.context }),
    ...(options.onToken && { onToken: options.onToken }),
  });
  const solvable = deps.learner !== undefined && answer.mode !== 'no-match' && deps.learner.learnChannels.has(options.origin.channel);
  return { kind: 'answer', answer, ...(solvable && { solvable }) };
}

/** A notice when the user or channel is over its budget, else undefined. */
export async function rateLimited(deps: RespondDeps, event: { user: string; channel: string }): Promise<Reply | undefined> {
  const wait = deps.rateLimiter ? await deps.rateLimiter.take(event.user, event.channel) : 0;
  return wait > 0 ? { kind: 'notice', text: `You are asking faster than I can answer; please try again in ${wait} s.` } : undefined;
}
