import { forgetThread, learnSolvedThread } from '../learn/learn-thread.js';
import type { ChatEvent } from './chat-event.js';
import type { Reply } from './reply.js';
import type { RespondDeps } from './respond-to-event.js';

const notice = (text: string, announce = false): Reply => ({ kind: 'notice', text, ...(announce && { announce }) });
const LEARNING_OFF = notice('Learning is off in this channel.');

/** A thread marked solved: learned (or, when the bot's own answer solved it, a 👍 for that answer). */
export async function respondToSolved(deps: RespondDeps, event: Extract<ChatEvent, { kind: 'solved' }>): Promise<Reply> {
  if (!deps.learner) return LEARNING_OFF;
  const outcome = await learnSolvedThread(deps.learner, event.request);
  switch (outcome.kind) {
    case 'learned':
      deps.logger.info({ thread: outcome.threadKey, answers: outcome.record.answers.length }, 'learned a solved thread');
      return notice('Saved: future questions like this will find this thread.', true);
    case 'bot-answer': {
      const { recorded } = await deps.engine.recordFeedback({ answerId: outcome.answerId, userId: event.request.markedBy.userId, vote: 'up' });
      return notice(recorded ? 'Thanks: future questions like this will favour the threads this answer cited.' : 'Thanks, glad it helped.', true);
    }
    case 'refused':
      if (outcome.reason === 'channel') return LEARNING_OFF;
      if (outcome.reason === 'permission') return notice('Only the person who asked or a moderator can mark this thread solved.');
      return notice('There is nothing to save yet: this thread has no replies.');
  }
}

/** `/forget`: the asker or a moderator removes a learned thread from the index. */
export async function respondToForget(deps: RespondDeps, event: Extract<ChatEvent, { kind: 'forget' }>): Promise<Reply> {
  if (!deps.learner) return notice('Nothing was learned from this thread.');
  const outcome = await forgetThread(deps.learner, event.request);
  switch (outcome.kind) {
    case 'forgotten':
      deps.logger.info({ platform: event.request.platform, channel: event.request.channelId }, 'forgot a learned thread');
      return notice('Forgotten: future questions will no longer find this thread.', true);
    case 'not-learned':
      return notice('Nothing was learned from this thread.');
    case 'refused':
      return notice('Only the person who asked or a moderator can forget this thread.');
  }
}
