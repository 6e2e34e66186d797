import { isDomainWord } from '../text/domain-concepts.js';
import { findTechnicalTokens } from '../text/technical-tokens.js';
import { contentWords } from '../text/words.js';
import type { QuestionTerms } from './question-terms.js';

/**
 * Coverage counts words, not how telling they are: "how do I file my tax return" shares
 * "file" and "return" with many driver threads. A question with no word of the domain and no
 * technical token has its confidence scaled down by this factor.
 */
const OFF_DOMAIN_FACTOR = 0.6;

/**
 * How closely a thread matches a question, 0..1: the share of the question's terms the
 * thread contains, blended with the embedding similarity. Rank-based fusion scores cannot be
 * used here: an off-topic question still has a first-ranked result.
 */
export function threadConfidence(terms: QuestionTerms, threadText: string, cosine: number, onDomain = true): number {
  if (terms.size === 0) return 0;
  const coverage = terms.sharedWith(threadText) / terms.size;
  const similarity = Math.min(1, Math.max(0, cosine) / 0.45);
  return round((0.6 * coverage + 0.4 * similarity) * (onDomain ? 1 : OFF_DOMAIN_FACTOR));
}

/** Whether a question says anything about drivers: a domain word or an exact technical token. */
export function isOnDomain(text: string): boolean {
  return contentWords(text).some(isDomainWord) || findTechnicalTokens(text).some((token) => token.kind !== 'api' || /^(IO|OS|k[A-Z])/.test(token.text));
}

export function passesGate(confidence: number, minConfidence: number): boolean {
  return confidence >= minConfidence;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
