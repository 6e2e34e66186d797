import type { Answer, SimilarResult } from '../engine/index.js';

/** What an adapter renders for its platform. */
export type Reply =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'similar'; result: SimilarResult }
  | { kind: 'notice'; text: string }
  | { kind: 'error'; text: string };
