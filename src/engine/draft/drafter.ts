import type { ConversationTurn } from '../answer.js';
import type { DecodedReturnCode } from '../query/iokit-return-codes.js';

/** One reply of a thread, as the record gives it. */
export interface DraftReply {
  text: string;
  /** As the record names it ("Apple DTS Engineer", a user name); null when unknown. */
  author: string | null;
  accepted: boolean;
}

/** A thread given to a drafter, numbered as it will be cited ([1] is threads[0]). */
export interface DraftThread {
  title: string;
  url: string | null;
  question: string;
  /** Replies in thread order. */
  answers: DraftReply[];
}

export interface DraftInput {
  question: string;
  threads: DraftThread[];
  decodedCodes: DecodedReturnCode[];
  context: ConversationTurn[];
  /** Receives the draft as it is generated, for drafters that stream. */
  onToken?: (token: string) => void;
  signal?: AbortSignal;
}

export interface DraftResult {
  text: string;
  mode: 'llm' | 'extractive';
  /** Set when a model was asked but could not be used. */
  notice?: string;
  drafter: string;
}

/** Turns retrieved threads into an answer with [n] citations. */
export interface Drafter {
  draft(input: DraftInput): Promise<DraftResult>;
}
