import { splitSentences } from '../../text/sentences.js';
import { QuestionTerms } from '../question-terms.js';
import { describeReturnCode } from '../query/iokit-return-codes.js';
import type { DraftInput, DraftResult, DraftThread, Drafter } from './drafter.js';

export interface ExtractiveDrafterOptions {
  /** Threads quoted in an answer; @default 3 */
  maxThreads?: number;
  /** Sentences quoted per thread; @default 2 */
  sentencesPerThread?: number;
}

/**
 * The offline drafter: quotes the retrieved threads and nothing else. Each thread contributes
 * its best-matching sentences (from its replies when it has any, else from the question),
 * verbatim, tied to its [n]. Error codes are explained from the IOReturn.h table.
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
    for (const [index, thread] of threads.entries()) {
      const answered = thread.answers.length > 0;
      const quote = bestSentences(answered ? thread.answers : [thread.question], terms, this.sentencesPerThread);
      if (quote.length === 0) {
        lines.push(`“${thread.title}” [${index + 1}] looks related.`);
        continue;
      }
      const lead = answered ? `A reply in “${thread.title}” [${index + 1}]:` : `“${thread.title}” [${index + 1}] reports:`;
      lines.push(`${lead} “${quote.join(' ')}”`);
    }
    if (threads.length > 0 && threads.every((thread) => thread.answers.length === 0)) {
      lines.push('These threads have no replies in the index yet, so this is what others ran into, not a confirmed fix.');
    }
    input.onToken?.(lines.join('\n\n'));
    return { text: lines.join('\n\n'), mode: 'extractive', drafter: 'extractive' };
  }
}

/** The sentences sharing most terms with the question, in their original order. */
function bestSentences(texts: string[], terms: QuestionTerms, count: number): string[] {
  const candidates = texts.flatMap((text, textIndex) =>
    splitSentences(text)
      .filter((sentence) => sentence.length >= 12 && sentence.length <= 400)
      .map((sentence, sentenceIndex) => ({
        sentence,
        // Earlier replies (accepted first) and earlier sentences win ties.
        order: textIndex * 1000 + sentenceIndex,
        score: terms.sharedWith(sentence) - textIndex * 0.01,
      })),
  );
  return candidates
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, count)
    .sort((a, b) => a.order - b.order)
    .map((candidate) => candidate.sentence);
}


export type { DraftThread };
