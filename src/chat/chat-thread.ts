/** The chat platforms threads are learned from. */
export type ChatPlatform = 'discord' | 'slack';

/** One message of a chat thread, as an adapter reads it. */
export interface ChatThreadMessage {
  id: string;
  authorId: string;
  /** The name the platform shows; kept only with LEARN_KEEP_AUTHORS=true. */
  authorName: string;
  /** Sent by a bot (this one or another). */
  isBot: boolean;
  text: string;
  /** For this bot's own answers: the answer id its buttons carry. */
  answerId?: string | undefined;
}

/** A chat thread to learn, read by an adapter when someone marks it solved. */
export interface ChatThread {
  platform: ChatPlatform;
  /** Discord: the thread id (which is its starter message's id). Slack: the thread's `thread_ts`. */
  threadId: string;
  /** The channel the thread is in: a Discord thread's parent (a forum post's forum), a Slack channel. */
  channelId: string;
  channelName?: string | undefined;
  /** Discord guild or Slack workspace. */
  workspaceName?: string | undefined;
  /** Discord: the thread's name. Slack threads have none: the question's first line is used. */
  title?: string | undefined;
  /** Jump URL (Discord) or permalink (Slack) of the thread's first message. */
  url: string | null;
  /** Oldest first; the first is the question. */
  messages: ChatThreadMessage[];
  /** The bot's own user id, whose mentions are removed from the text. */
  botUserId?: string | undefined;
}

/** Someone marked a thread solved: `/solved`, a ✅ reaction, or a "Mark solved" button. */
export interface SolvedRequest {
  platform: ChatPlatform;
  /** The thread's channel (parent channel for a Discord thread). */
  channelId: string;
  /** A Discord thread's own channel id; LEARN_CHANNELS may list it too. */
  threadChannelId?: string | undefined;
  /** A thread the bot started to answer a question (learning is allowed there in any channel). */
  isBotAnswerThread: boolean;
  markedBy: { userId: string; isModerator: boolean };
  /** The message marked as the one that solved it, if one was. */
  answerMessageId?: string | undefined;
  /** Reads the thread; called only once the channel allows learning. */
  loadThread: () => Promise<ChatThread>;
}

/** Someone asked to remove a learned thread: `/forget`. */
export interface ForgetRequest {
  platform: ChatPlatform;
  channelId: string;
  /** As in ChatThread. */
  threadId: string;
  requestedBy: { userId: string; isModerator: boolean };
}
