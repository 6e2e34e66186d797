import type { ChatEvent } from './chat-event.js';
import type { Reply } from './reply.js';
import type { RespondDeps, RespondOptions } from './respond-to-event.js';
import { askAndReply, rateLimited } from './respond-to-question.js';

type ActionEvent = Extract<ChatEvent, { kind: 'action' }>;

const EXPIRED: Reply = { kind: 'notice', text: 'That button has expired; please ask again.' };

/** A button on a bot message: every one refers to an answer (or lookup) in the answer memory. */
export async function respondToAction(deps: RespondDeps, event: ActionEvent, options: RespondOptions): Promise<Reply> {
  const { action } = event;
  if (action.kind === 'vote') {
    const { recorded } = await deps.engine.recordFeedback({ answerId: action.answerId, userId: event.user, vote: action.vote });
    return { kind: 'notice', text: recorded ? 'Thanks, your vote was recorded.' : 'That answer is too old to vote on.' };
  }
  const given = await deps.memory?.findAnswer(action.answerId);
  if (!given) return EXPIRED;
  switch (action.kind) {
    case 'share':
      return given.answer ? { kind: 'answer', answer: given.answer } : EXPIRED;
    case 'similar': {
      const limited = await rateLimited(deps, event);
      return limited ?? { kind: 'similar', result: await deps.engine.similar({ text: given.question }) };
    }
    case 'draft': {
      const limited = await rateLimited(deps, event);
      return limited ?? askAndReply(deps, given.question, { ...options, origin: { platform: event.platform ?? 'chat', channel: event.channel } });
    }
  }
}
