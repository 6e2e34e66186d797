import { describeReturnCode } from '../query/iokit-return-codes.js';
import { QuestionTerms } from '../question-terms.js';
import type { DraftInput, DraftResult, DraftThread, Drafter } from './drafter.js';
import { EchoCheck } from './echo-check.js';
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
/** A question back to the asker, "please file a bug", or "me too" is rarely the fix. */
const QUESTION_PENALTY = 1.5;
const LOW_VALUE =
  /^(?:first off, )?please file (?:a|an) (?:bug|enhancement|feedback)|\bpost (?:the|your) (?:bug|feedback) number\b|^(?:same (?:here|issue|problem)|me too|\+1|seeing (?:similar|the same)|I(?:['’]m| am)? (?:also )?(?:seeing|having|experiencing|getting) (?:the )?(?:same|similar))\b/i;

interface Quote {
  text: string;
  code: boolean;
  /** Its sentence number in its source: a gap between two quotes is shown with “…”. */
  index: number;
  /** Nothing but whitespace between it and the sentence before it in the source. */
  adjoins: boolean;
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
    const threads = input.threads.slice(0, this.maxThreads);
    const quoted = new QuotedSoFar();
    const sections: string[] = [];
    const related: string[] = [];
    let quotedReply = false;
    for (const [index, thread] of threads.entries()) {
      const marker = `[${index + 1}]`;
      const fromReply = this.quoteReply(thread, terms, quoted);
      if (fromReply) {
        quotedReply = true;
        sections.push(render(`${fromReply.lead} in “${thread.title}” ${marker}:`, fromReply.quotes));
        continue;
      }
      const fromQuestion = this.quoteQuestion(thread, terms, quoted);
      if (fromQuestion.length > 0) sections.push(render(`“${thread.title}” ${marker} reports:`, fromQuestion));
      else related.push(`“${thread.title}” ${marker} looks related.`);
    }
    // A thread with nothing left to quote is named only when no other thread says anything.
    const lines = [...input.decodedCodes.map(describeReturnCode), ...(sections.length > 0 ? sections : related)];
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
  private quoteReply(thread: DraftThread, terms: QuestionTerms, quoted: QuotedSoFar): { lead: string; quotes: Quote[] } | undefined {
    const candidates = replySentences(thread, (text) => quoted.has(text)).filter((sentence) => !sentence.redirect);
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
    const ranked = scored
      .filter((entry) => entry.sentence.reply === reply)
      .sort((a, b) => b.score - a.score || a.sentence.position - b.sentence.position)
      .map((entry) => entry.sentence);
    const picked = new Set(quoted.pickDistinct(ranked, this.sentencesPerThread));
    // A sentence that announces code ("Run this:") keeps the block that follows it.
    for (const sentence of [...picked]) {
      const next = own[own.indexOf(sentence) + 1];
      if (!sentence.code && sentence.text.trimEnd().endsWith(':') && next?.code) picked.add(next);
    }
    const quotes = own.filter((sentence) => picked.has(sentence)).map(({ text, code, index, adjoins }) => ({ text, code, index, adjoins }));
    for (const quote of quotes) quoted.add(quote.text);
    const answer = thread.answers[reply];
    const lead = answer?.accepted ? 'The accepted answer' : isDtsAuthor(answer?.author ?? null) ? 'Apple DTS' : 'A reply';
    return { lead, quotes };
  }

  /** The question's sentences sharing most terms with the user's question, in their order; none that only repeats the title. */
  private quoteQuestion(thread: DraftThread, terms: QuestionTerms, quoted: QuotedSoFar): Quote[] {
    const title = new EchoCheck('', thread.title);
    const candidates = questionSentences(thread)
      .filter((sentence) => !title.isEcho(sentence.text))
      .map((sentence, order) => ({ ...sentence, order, score: terms.sharedWith(sentence.text) - (sentence.code ? 0.5 : 0) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const picked = quoted.pickDistinct(candidates, this.sentencesPerThread).sort((a, b) => a.order - b.order);
    for (const sentence of picked) quoted.add(sentence.text);
    return picked.map(({ text, code, index, adjoins }) => ({ text, code, index, adjoins }));
  }
}

/** What the answer has quoted so far: a sentence already there, or one that repeats one, is not quoted again. */
class QuotedSoFar {
  private readonly keys = new Set<string>();
  private readonly texts: EchoCheck[] = [];

  has(text: string): boolean {
    return this.keys.has(sentenceKey(text)) || this.texts.some((check) => check.isEcho(text));
  }

  add(text: string): void {
    this.keys.add(sentenceKey(text));
    this.texts.push(new EchoCheck(text));
  }

  /** The first `count` of `ranked` that repeat neither the answer so far nor each other. */
  pickDistinct<T extends { text: string }>(ranked: T[], count: number): T[] {
    const picked: T[] = [];
    for (const candidate of ranked) {
      if (picked.length >= count) break;
      if (this.has(candidate.text) || picked.some((other) => new EchoCheck(other.text).isEcho(candidate.text) || new EchoCheck(candidate.text).isEcho(other.text))) continue;
      picked.push(candidate);
    }
    return picked;
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

/**
 * Prose is quoted inline (“…”), whitespace flattened; sentences that are not next to each other
 * in the source are joined with “…”; a code block keeps its lines, fenced.
 */
function render(lead: string, quotes: Quote[]): string {
  const parts: string[] = [];
  let prose = '';
  let previous: number | undefined;
  const flush = () => {
    if (prose) parts.push(`“${prose}”`);
    prose = '';
  };
  for (const quote of quotes) {
    const gap = previous !== undefined && (quote.index !== previous + 1 || !quote.adjoins);
    previous = quote.index;
    if (!quote.code) {
      // Scraped inline code leaves punctuation on a line of its own ("…/Profiles\n. For example").
      const text = quote.text.replace(/\s*\n\s*(?=[.,;:!?](?:\s|$))/g, '').replace(/\s+/g, ' ');
      prose = prose ? `${prose}${gap ? ' … ' : ' '}${text}` : text;
    } else {
      flush();
      const code = dedent(quote.text);
      parts.push(/^(?:```|~~~)/.test(code) ? `\n${code}\n` : `\n\`\`\`\n${code}\n\`\`\`\n`);
    }
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

