import type { ConversationTurn, Vote } from '../engine/index.js';

/** The one platform-free shape adapters produce from Discord, Slack or console events. */
export type ChatEvent =
  | { kind: 'ask'; text: string; user: string; channel: string; context?: ConversationTurn[] }
  | { kind: 'similar'; text: string; user: string; channel: string }
  | { kind: 'feedback'; answerId: string; vote: Vote; user: string; channel: string };
