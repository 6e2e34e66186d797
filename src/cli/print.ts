import { renderConsole } from '../adapters/console/render-console.js';
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

/** The console's rendering, plus the scores a person running the CLI wants to see. */
export function similarText(result: SimilarResult): string {
  if (result.results.length === 0) return renderConsole({ kind: 'similar', result });
  return result.results
    .map((thread, index) => `${index + 1}. ${thread.title}  (score ${thread.score.toFixed(2)})\n   ${thread.url ?? `id ${thread.id}`}\n   ${thread.snippet}`)
    .join('\n');
}

export function answerText(answer: Answer): string {
  const mode = answer.mode === 'no-match' ? 'no close match' : answer.drafter;
  return `${renderConsole({ kind: 'answer', answer })}\n\n[${mode}, confidence ${answer.confidence.toFixed(2)}]`;
}
