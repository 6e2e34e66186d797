import { conceptOf } from '../../text/domain-concepts.js';
import { documentTerms, type TermStats } from '../../text/term-stats.js';
import { findTechnicalTokens } from '../../text/technical-tokens.js';
import { uncoveredPlatform } from './platform-check.js';

/**
 * A word that at least this share of the threads holds says little about which thread is
 * right ("app", "device", "driver", "extension" in a driver forum): it is left out of the
 * question's distinctive text, the part whose embedding the gate compares with the thread.
 * Chosen on the fit half of the labelled questions: `npx tsx bench/fit-gate.ts --generic-share S`
 * reports the fit half for another share.
 */
export const GENERIC_SHARE = 0.4;

/** A question's terms with their weights, computed once per question from the index's statistics. */
export interface WeightedTerms {
  /** Weight of each term the index knows, keyed as `termKey` gives it (synonyms share a key). */
  weights: Map<string, number>;
  /** Summed weight of the terms the index knows. */
  known: number;
  /** Summed weight of the terms no thread contains. */
  unknown: number;
  /** ln(threads + 1): the weight of a term one thread holds, the unit `evidence` is measured in. */
  unit: number;
  /** Set when the question is about a platform the index does not cover. */
  foreignPlatform: string | undefined;
}

/**
 * Synonyms ("iPhone", "iOS", "iPad"; "webcam", "camera") are one term: the offline embedder
 * and any model embedder treat them as the same thing, so the gate does too.
 */
export function termKey(term: string): string {
  const concept = conceptOf(term);
  return concept ? `concept:${concept}` : term;
}

/** The keys of a thread's text, as `WeightedTerms.weights` is keyed. */
export function textKeys(text: string): Set<string> {
  return new Set([...documentTerms(text)].map(termKey));
}

/** Per statistics object: the document frequency of each concept (its most frequent word's). */
const conceptFrequencies = new WeakMap<TermStats, Map<string, number>>();

/**
 * Threads holding a term, counting its synonyms: a word whose synonym half the threads use is
 * as generic as that synonym ("iPhone" is rare in a forum that says "iOS"). The concept's
 * count is its most frequent word's, a lower bound of the threads holding any of them.
 */
export function documentFrequency(term: string, stats: TermStats): number {
  const own = stats.frequencies.get(term) ?? 0;
  const concept = conceptOf(term);
  if (!concept) return own;
  let byConcept = conceptFrequencies.get(stats);
  if (!byConcept) {
    byConcept = new Map();
    for (const [word, frequency] of stats.frequencies) {
      const group = conceptOf(word);
      if (group) byConcept.set(group, Math.max(byConcept.get(group) ?? 0, frequency));
    }
    conceptFrequencies.set(stats, byConcept);
  }
  return Math.max(own, byConcept.get(concept) ?? 0);
}

/** Weighs each term of a question by its inverse document frequency over the index. */
export function weighQuestion(question: string, stats: TermStats): WeightedTerms {
  const weights = new Map<string, number>();
  let unknown = 0;
  for (const term of documentTerms(question)) {
    const frequency = documentFrequency(term, stats);
    // ln((N+1)/(df+1)): 0 for a term every thread holds; an unseen term weighs the most.
    const weight = Math.log((stats.documents + 1) / (frequency + 1));
    if (frequency === 0) {
      unknown += weight;
      continue;
    }
    const key = termKey(term);
    // Two synonyms in one question count once, at the weight of the rarer.
    weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  }
  const known = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  return { weights, known, unknown, unit: Math.log(stats.documents + 1), foreignPlatform: uncoveredPlatform(question, stats) };
}

/**
 * The question without its generic words (those `GENERIC_SHARE` of the threads hold): what is
 * left is what it is specifically about, and its embedding is compared with the thread's
 * chunks. Exact technical symbols are kept whole. Empty when nothing distinctive is left.
 */
export function distinctiveText(question: string, stats: TermStats, genericShare = GENERIC_SHARE): string {
  const limit = genericShare * stats.documents;
  const words = (question.match(/[A-Za-z0-9]+/g) ?? []).filter((word) => {
    const terms = [...documentTerms(word)];
    return terms.length > 0 && terms.every((term) => documentFrequency(term, stats) < limit);
  });
  const symbols = findTechnicalTokens(question).map((token) => token.text);
  return [...new Set([...words, ...symbols])].join(' ');
}
