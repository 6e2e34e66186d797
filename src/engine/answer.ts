import type { DecodedReturnCode } from './query/iokit-return-codes.js';

export type AnswerMode = 'llm' | 'extractive' | 'no-match';

export interface Citation {
  id: string;
  title: string;
  url: string | null;
}

/** One thread in a similar list: DESIGN.md's `similar --json` result. */
export interface SimilarThread extends Citation {
  score: number;
  snippet: string;
  /** Other ids of the same post (a listing copy merged into this thread); they resolve to it. */
  aliases?: string[];
}

/** What the engine returns for a question. Adapters render it; they never change its content. */
export interface Answer {
  /** Stable id for feedback on this answer. */
  answerId: string;
  question: string;
  /** Plain text with [n] markers pointing into `citations` (1-based). No platform markup. */
  answer: string;
  mode: AnswerMode;
  /** 0..1: how closely the best thread matches the question. */
  confidence: number;
  citations: Citation[];
  similar: SimilarThread[];
  /** The words and symbols the search used, shown in no-match replies. */
  searchedFor: string;
  decodedCodes: DecodedReturnCode[];
  /** Set when the model was asked but the draft is extractive (timeout, error, refusal). */
  notice?: string;
  /** "extractive" or the model's label, for the context line under an answer. */
  drafter: string;
}

export interface SimilarResult {
  query: string;
  results: SimilarThread[];
}

/** Earlier turns of the same chat thread, oldest first. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

export type Vote = 'up' | 'down';
