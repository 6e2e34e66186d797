import { redactReply } from '../../chat/redact-secrets.js';
import type { Reply } from '../../chat/reply.js';
import { neutraliseMentions } from '../../chat/untrusted-text.js';

/**
 * Reply → plain text for a terminal. Token-shaped strings are redacted, mentions defused (the
 * text may be pasted on), and control characters dropped, so no text can drive the terminal.
 */
export function renderConsole(original: Reply): string {
  return neutraliseMentions(plainText(redactReply(original)));
}

function plainText(reply: Reply): string {
  switch (reply.kind) {
    case 'notice':
    case 'error':
      return reply.text;
    case 'similar': {
      const { results } = reply.result;
      if (results.length === 0) return 'No similar threads found.';
      return results
        .map((thread, index) => `${index + 1}. ${thread.title}\n   ${thread.url ?? `(id ${thread.id})`}\n   ${thread.snippet}`)
        .join('\n');
    }
    case 'answer': {
      const { answer } = reply;
      const parts = [answer.answer];
      if (answer.notice) parts.push(`(${answer.notice})`);
      if (answer.citations.length > 0) {
        parts.push(`Sources:\n${answer.citations.map((citation, index) => `  [${index + 1}] ${citation.title} ${citation.url ?? `(id ${citation.id})`}`).join('\n')}`);
      }
      if (answer.mode === 'no-match' && answer.similar.length > 0) {
        parts.push(`Nearest threads:\n${answer.similar.map((thread, index) => `  ${index + 1}. ${thread.title} ${thread.url ?? `(id ${thread.id})`}`).join('\n')}`);
      }
      return parts.join('\n\n');
    }
  }
}
