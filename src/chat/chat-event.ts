import type { ConversationTurn } from '../engine/index.js';
import type { ForgetRequest, SolvedRequest } from './chat-thread.js';
import type { ChatAction } from './action-ids.js';

/** Who and where: every event names the user (for limits and votes) and the channel. */
interface EventBase {
  user: string;
  channel: string;
  /** `discord`, `slack` or `console`: kept with answers (never the user). */
  platform?: string;
}

/** The one platform-free shape adapters produce from Discord, Slack or console events. */
export type ChatEvent =
  | (EventBase & { kind: 'ask'; text: string; context?: ConversationTurn[] })
  /** `offerDraft`: a DM lookup, whose reply offers to draft a full answer later. */
  | (EventBase & { kind: 'similar'; text: string; offerDraft?: boolean })
  /** A button on one of the bot's messages, decoded by `decodeAction`. */
  | (EventBase & { kind: 'action'; action: Exclude<ChatAction, { kind: 'solved' }> })
  /** A thread marked solved (`/solved`, ✅, "Mark solved"): learn it. */
  | (EventBase & { kind: 'solved'; request: SolvedRequest })
  /** `/forget`: remove a learned thread. */
  | (EventBase & { kind: 'forget'; request: ForgetRequest });
