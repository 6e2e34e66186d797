import { renderConsole } from '../adapters/console/render-console.js';
import { redactAnswer, redactSimilar } from '../chat/redact-secrets.js';
import { neutraliseMentions } from '../chat/untrusted-text.js';
import type { Answer, SimilarResult, SimilarThread } from '../engine/index.js';

/**
 * Everything the CLI prints has token-shaped strings redacted, as in the chat renderers. Text
 * output also has mentions defused; JSON keeps titles and snippets as the index holds them
 * (labels and scripts match on them) and defuses only the drafted answer, which a model may
 * have written and which is the part scripts post on.
 */
const safe = (text: string) => neutraliseMentions(text);
const similarFields = ({ id, title, url, score, snippet }: SimilarThread) => ({ id, title, url, score, snippet });

/** DESIGN.md's `similar --json` object, nothing more. */
export function similarJson(original: SimilarResult): string {
  const result = redactSimilar(original);
  return JSON.stringify({ query: result.query, results: result.results.map(similarFields) });
}

/** DESIGN.md's `ask --json` object, nothing more. */
export function answerJson(original: Answer): string {
  const answer = redactAnswer(original);
  return JSON.stringify({
    question: answer.question,
    answer: safe(answer.answer),
    mode: answer.mode,
    confidence: answer.confidence,
    citations: answer.citations.map(({ id, title, url }) => ({ id, title, url })),
    similar: answer.similar.map(similarFields),
  });
}

/** The console's rendering, plus the scores a person running the CLI wants to see. */
export function similarText(original: SimilarResult): string {
  const result = redactSimilar(original);
  if (result.results.length === 0) return renderConsole({ kind: 'similar', result });
  return safe(
    result.results
      .map((thread, index) => `${index + 1}. ${thread.title}  (score ${thread.score.toFixed(2)})\n   ${thread.url ?? `id ${thread.id}`}\n   ${thread.snippet}`)
      .join('\n'),
  );
}

export function answerText(answer: Answer): string {
  const mode = answer.mode === 'no-match' ? 'no close match' : answer.drafter;
  return `${renderConsole({ kind: 'answer', answer })}\n\n[${mode}, confidence ${answer.confidence.toFixed(2)}]`;
}
