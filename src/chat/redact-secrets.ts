import type { Answer, SimilarResult, SimilarThread } from '../engine/index.js';
import type { Reply } from './reply.js';

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted secret]';

/**
 * Token-shaped strings: credentials a model may echo or a forum post may hold. Each pattern is
 * anchored on the provider's own prefix or structure, so driver text (bundle ids, hex
 * addresses, UUIDs) is left alone. A small table kept here rather than a secret-scanning
 * library: those scan repositories with asynchronous rule engines, and this runs on every reply.
 */
const SECRET_PATTERNS: RegExp[] = [
  // Slack bot, user, app-level and refresh tokens; incoming-webhook URLs.
  /(?<![\w-])xox[abeoprs]-[A-Za-z0-9-]{8,}/g,
  /(?<![\w-])xapp-[A-Za-z0-9-]{8,}/g,
  /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]+/g,
  // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-) keys.
  /(?<![\w-])sk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/g,
  // GitHub tokens.
  /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
  // AWS access key ids, and secret keys written as assignments.
  /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  /(aws_secret_access_key|secret_?access_?key)(\s*[:=]\s*["']?)[A-Za-z0-9/+]{40}/gi,
  // Google API keys.
  /(?<![\w-])AIza[0-9A-Za-z_-]{35}/g,
  // Discord bot tokens: base64 user id, timestamp and HMAC; JSON Web Tokens.
  /(?<![\w.-])[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,40}(?![\w.-])/g,
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // Bearer credentials and PEM private keys.
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{16,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** `text` with every token-shaped string replaced by REDACTED (a prefix such as `Bearer ` is kept). */
export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (...match: unknown[]) => {
      // Patterns with capture groups keep what precedes the secret (a key name, "Bearer ").
      const groups = match.slice(1, -2).filter((group): group is string => typeof group === 'string');
      return `${groups.join('')}${REDACTED}`;
    });
  }
  return result;
}

const redactThread = <T extends SimilarThread>(thread: T): T => ({ ...thread, title: redactSecrets(thread.title), snippet: redactSecrets(thread.snippet) });

/** An Answer with token-shaped strings removed from every text a person sees. */
export function redactAnswer(answer: Answer): Answer {
  return {
    ...answer,
    question: redactSecrets(answer.question),
    answer: redactSecrets(answer.answer),
    searchedFor: redactSecrets(answer.searchedFor),
    citations: answer.citations.map((citation) => ({ ...citation, title: redactSecrets(citation.title) })),
    similar: answer.similar.map(redactThread),
    ...(answer.notice !== undefined && { notice: redactSecrets(answer.notice) }),
  };
}

export function redactSimilar(result: SimilarResult): SimilarResult {
  return { query: redactSecrets(result.query), results: result.results.map(redactThread) };
}

/** The Reply every renderer starts from: nothing it shows can carry a credential. */
export function redactReply(reply: Reply): Reply {
  switch (reply.kind) {
    case 'answer':
      return { ...reply, answer: redactAnswer(reply.answer) };
    case 'similar':
      return { ...reply, result: redactSimilar(reply.result) };
    default:
      return { ...reply, text: redactSecrets(reply.text) };
  }
}
