import type { Answer, SimilarResult } from '../engine/index.js';

/** What an adapter renders for its platform. */
export type Reply =
  /** `solvable`: offer a "Mark solved" button (the answer is in a channel learning is on for). */
  | { kind: 'answer'; answer: Answer; solvable?: boolean }
  /** `draftId`: the lookup a "Draft a full answer" button drafts (see ChatAction `draft`). */
  | { kind: 'similar'; result: SimilarResult; draftId?: string }
  /** `announce`: a confirmation for everyone in the thread ("Saved: …"), not only the person who acted. */
  | { kind: 'notice'; text: string; announce?: boolean }
  | { kind: 'error'; text: string };
