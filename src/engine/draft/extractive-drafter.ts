import { describeReturnCode } from '../query/iokit-return-codes.js';
import { QuestionTerms } from '../question-terms.js';
import type { DraftInput, DraftResult, DraftThread, Drafter } from './drafter.js';
import { isDtsAuthor, isStaffAuthor, questionSentences, type ReplySentence, replySentences, sentenceKey } from './reply-sentences.js';

export interface ExtractiveDrafterOptions {
  /** Threads quoted in an answer; @default 3 */
  maxThreads?: number;
  /** Sentences (or code blocks) quoted per thread; @default 2 */
  sentencesPerThread?: number;
}

/** What a reply says first, once its quotes of the asker are skipped, is usually the fix. */
const FIRST_SENTENCE_BONUS = 0.75;
const SECOND_SENTENCE_BONUS = 0.25;
/** A question back to the asker, or "please file a bug", is rarely the fix. */
const QUESTION_PENALTY = 1.5;
const LOW_VALUE = /^(?:first off, )?please file (?:a|an) (?:bug|enhancement|feedback)|\bpost (?:the|your) (?:bug|feedback) number\b/i;

interface Quote {
  text: string;
  code: boolean;
}

/**
 * The offline drafter: quotes the retrieved threads and nothing else. Each thread contributes
 * whole sentences, verbatim, tied to its [n]: from one reply when a reply says anything (the
 * accepted one first, then staff replies), skipping sentences that quote the question back,
 * greetings, signatures and redirects; from the question otherwise. A sentence that ends
 * in a colon brings the code block that follows it. No sentence appears twice. Error codes
 * are explained from the IOReturn.h table.
 */
export class ExtractiveDrafter implements Drafter {
  private readonly maxThreads: number;
  private readonly sentencesPerThread: number;

  constructor(options: ExtractiveDrafterOptions = {}) {
    this.maxThreads = options.maxThreads ?? 3;
    this.sentencesPerThread = options.sentencesPerThread ?? 2;
  }

  async draft(input: DraftInput): Promise<DraftResult> {
    const terms = new QuestionTerms(input.question);
    const lines = input.decodedCodes.map(describeReturnCode);
    const threads = input.threads.slice(0, this.maxThreads);
    const seen = new Set<string>();
    let quotedReply = false;
    for (const [index, thread] of threads.entries()) {
      const marker = `[${index + 1}]`;
      const fromReply = this.quoteReply(thread, terms, seen);
      if (fromReply) {
        quotedReply = true;
        lines.push(render(`${fromReply.lead} in “${thread.title}” ${marker}:`, fromReply.quotes));
        continue;
      }
      const fromQuestion = this.quoteQuestion(thread, terms, seen);
      lines.push(fromQuestion.length > 0 ? render(`“${thread.title}” ${marker} reports:`, fromQuestion) : `“${thread.title}” ${marker} looks related.`);
    }
    if (threads.length > 0 && !quotedReply) {
      lines.push(
        threads.every((thread) => thread.answers.length === 0)
          ? 'These threads have no replies in the index yet, so this is what others ran into, not a confirmed fix.'
          : 'No reply in these threads states a fix, so this is what others ran into, not a confirmed fix.',
      );
    }
    const text = lines.join('\n\n');
    input.onToken?.(text);
    return { text, mode: 'extractive', drafter: 'extractive' };
  }

  /**
   * The best reply's best sentences, in its own order; undefined when no reply says anything
   * quotable. The reply is chosen by rank first (accepted, then staff, then others; a reply that
   * only asks questions back ranks last), then by its best sentence.
   */
  private quoteReply(thread: DraftThread, terms: QuestionTerms, seen: Set<string>): { lead: string; quotes: Quote[] } | undefined {
    const candidates = replySentences(thread, seen).filter((sentence) => !sentence.redirect);
    if (candidates.length === 0) return undefined;
    const scored = candidates.map((sentence) => ({ sentence, score: score(sentence, terms) }));
    const best = new Map<number, { rank: number; score: number }>();
    for (const { sentence, score } of scored) {
      const answer = thread.answers[sentence.reply];
      const statement = score > -QUESTION_PENALTY / 2;
      const rank = !statement ? -1 : answer?.accepted ? 2 : isStaffAuthor(answer?.author ?? null) ? 1 : 0;
      const current = best.get(sentence.reply);
      if (!current || rank > current.rank || (rank === current.rank && score > current.score)) best.set(sentence.reply, { rank, score });
    }
    // Quote one reply, so the quote reads as one person's answer.
    const [reply] = [...best.entries()].sort(([a, x], [b, y]) => y.rank - x.rank || y.score - x.score || a - b)[0] as [number, unknown];
    const own = candidates.filter((sentence) => sentence.reply === reply);
    const picked = new Set(
      scored
        .filter((entry) => entry.sentence.reply === reply)
        .sort((a, b) => b.score - a.score || a.sentence.position - b.sentence.position)
        .slice(0, this.sentencesPerThread)
        .map((entry) => entry.sentence),
    );
    // A sentence that announces code ("Run this:") keeps the block that follows it.
    for (const sentence of [...picked]) {
      const next = own[own.indexOf(sentence) + 1];
      if (!sentence.code && sentence.text.trimEnd().endsWith(':') && next?.code) picked.add(next);
    }
    const quotes = own.filter((sentence) => picked.has(sentence)).map(({ text, code }) => ({ text, code }));
    for (const quote of quotes) seen.add(sentenceKey(quote.text));
    const answer = thread.answers[reply];
    const lead = answer?.accepted ? 'The accepted answer' : isDtsAuthor(answer?.author ?? null) ? 'Apple DTS' : 'A reply';
    return { lead, quotes };
  }

  /** The question's sentences sharing most terms with the user's question, in their order. */
  private quoteQuestion(thread: DraftThread, terms: QuestionTerms, seen: Set<string>): Quote[] {
    const keys = new Set(seen);
    const candidates = questionSentences(thread)
      .map((sentence, order) => ({ ...sentence, order, key: sentenceKey(sentence.text), score: terms.sharedWith(sentence.text) - (sentence.code ? 0.5 : 0) }))
      .filter((sentence) => !keys.has(sentence.key) && Boolean(keys.add(sentence.key)));
    const picked = candidates
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, this.sentencesPerThread)
      .sort((a, b) => a.order - b.order);
    for (const sentence of picked) seen.add(sentenceKey(sentence.text));
    return picked.map(({ text, code }) => ({ text, code }));
  }
}

/** How well a reply's sentence answers: the question's terms it shares, where it stands in its reply, and what it is. */
function score(sentence: ReplySentence, terms: QuestionTerms): number {
  let value = terms.sharedWith(sentence.text);
  if (sentence.position === 0) value += FIRST_SENTENCE_BONUS;
  else if (sentence.position === 1) value += SECOND_SENTENCE_BONUS;
  if (!sentence.code && sentence.text.trimEnd().endsWith('?')) value -= QUESTION_PENALTY;
  if (LOW_VALUE.test(sentence.text)) value -= QUESTION_PENALTY;
  return value;
}

/** Prose is quoted inline (“…”), whitespace flattened; a code block keeps its lines, fenced. */
function render(lead: string, quotes: Quote[]): string {
  const parts: string[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length > 0) parts.push(`“${prose.join(' ')}”`);
    prose = [];
  };
  for (const quote of quotes) {
    if (quote.code) {
      flush();
      const code = dedent(quote.text);
      parts.push(/^(?:```|~~~)/.test(code) ? `\n${code}\n` : `\n\`\`\`\n${code}\n\`\`\`\n`);
    } else prose.push(quote.text.replace(/\s+/g, ' '));
  }
  flush();
  return `${lead} ${parts.join(' ')}`.replace(/ \n/g, '\n').replace(/\n /g, '\n').trimEnd();
}

/** A code block's common indent removed (its first line arrives already trimmed). */
function dedent(code: string): string {
  const lines = code.split('\n');
  const indentOf = (line: string) => (line.match(/^[ \t]*/) as RegExpMatchArray)[0].length;
  const indent = Math.min(...lines.slice(1).filter((line) => line.trim() !== '').map(indentOf));
  if (!Number.isFinite(indent) || indent === 0) return code;
  return [lines[0], ...lines.slice(1).map((line) => line.slice(Math.min(indent, indentOf(line))))].join('\n');
}

export type { DraftThread };
