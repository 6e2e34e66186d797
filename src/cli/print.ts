import type { Answer, SimilarResult } from '../engine/index.js';

/** DESIGN.md's `similar --json` object, nothing more. */
export function similarJson(result: SimilarResult): string {
  return JSON.stringify({
    query: result.query,
    results: result.results.map(({ id, title, url, score, snippet }) => ({ id, title, url, score, snippet })),
  });
}

/** DESIGN.md's `ask --json` object, nothing more. */
export function answerJson(answer: Answer): string {
  return JSON.stringify({
    question: answer.question,
    answer: answer.answer,
    mode: answer.mode,
    confidence: answer.confidence,
    citations: answer.citations.map(({ id, title, url }) => ({ id, title, url })),
    similar: answer.similar.map(({ id, title, url, score, snippet }) => ({ id, title, url, score, snippet })),
  });
}

export function similarText(result: SimilarResult): string {
  if (result.results.length === 0) return 'No similar threads found.';
  return result.results
    .map((thread, index) => `${index + 1}. ${thread.title}  (score ${thread.score.toFixed(2)})\n   ${thread.url ?? `id ${thread.id}`}\n   ${thread.snippet}`)
    .join('\n');
}

export function answerText(answer: Answer): string {
  const parts = [answer.answer];
  if (answer.notice) parts.push(`(${answer.notice})`);
  if (answer.citations.length > 0) {
    parts.push(`Sources:\n${answer.citations.map((citation, index) => `[${index + 1}] ${citation.title} ${citation.url ?? `(id ${citation.id})`}`).join('\n')}`);
  }
  if (answer.mode === 'no-match' && answer.similar.length > 0) {
    parts.push(`Nearest threads:\n${answer.similar.map((thread, index) => `${index + 1}. ${thread.title} ${thread.url ?? `(id ${thread.id})`}`).join('\n')}`);
  }
  parts.push(`[${answer.mode === 'no-match' ? 'no close match' : answer.drafter}, confidence ${answer.confidence.toFixed(2)}]`);
  return parts.join('\n\n');
}
