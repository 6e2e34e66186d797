import type { Vote } from '../engine/index.js';

/**
 * What a button on a bot message does. Each refers to an answer in the answer memory by id
 * (for `draft`, a DM lookup's id), so the button works from any bot process and after a restart.
 */
export type ChatAction =
  | { kind: 'vote'; vote: Vote; answerId: string }
  | { kind: 'similar'; answerId: string }
  | { kind: 'draft'; answerId: string }
  | { kind: 'share'; answerId: string }
  | { kind: 'solved'; answerId: string };

const PREFIX = 'dd';
/** Answer ids are UUIDs; anything else in an id is refused. Discord allows 100 characters in a custom id. */
const ANSWER_ID = /^[A-Za-z0-9-]{1,64}$/;
const KINDS = new Set<ChatAction['kind']>(['vote', 'similar', 'draft', 'share', 'solved']);

/** The id a button carries (a Discord custom_id, a Slack action_id): `dd:KIND[:VOTE]:ANSWER_ID`. */
export function encodeAction(action: ChatAction): string {
  if (!ANSWER_ID.test(action.answerId)) throw new Error(`not an answer id: ${JSON.stringify(action.answerId)}`);
  return action.kind === 'vote' ? `${PREFIX}:vote:${action.vote}:${action.answerId}` : `${PREFIX}:${action.kind}:${action.answerId}`;
}

/** The action behind a button id, or undefined for an id this bot did not make (or a malformed one). */
export function decodeAction(id: string): ChatAction | undefined {
  const parts = id.split(':');
  if (parts[0] !== PREFIX) return undefined;
  const kind = parts[1] as ChatAction['kind'];
  if (!KINDS.has(kind)) return undefined;
  if (kind === 'vote') {
    const [, , vote, answerId, ...rest] = parts;
    if ((vote !== 'up' && vote !== 'down') || !answerId || !ANSWER_ID.test(answerId) || rest.length > 0) return undefined;
    return { kind, vote, answerId };
  }
  const [, , answerId, ...rest] = parts;
  if (!answerId || !ANSWER_ID.test(answerId) || rest.length > 0) return undefined;
  return { kind, answerId };
}

/** True for ids this bot makes (for routing all of them to one handler). */
export const ACTION_ID_PATTERN = /^dd:/;
