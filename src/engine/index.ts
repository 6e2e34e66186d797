export { createEngine, type Engine, type EngineDeps, type AskOptions, type SimilarOptions } from './create-engine.js';
export type { Answer, AnswerMode, Citation, ConversationTurn, SimilarResult, SimilarThread, Vote } from './answer.js';
export type { Drafter, DraftInput, DraftResult } from './draft/drafter.js';
export type { AnswerOrigin, AnswerStore, FeedbackStore, FeedbackVote, GivenAnswer } from './feedback.js';
