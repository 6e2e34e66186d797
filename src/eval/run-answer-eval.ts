import type { Answer } from '../engine/index.js';
import { type CitedThreadText, midWordCuts, quotesReply, rawEntities, repeatedSentences, threadsCitedTwice } from './answer-artefacts.js';
import { expectsNoAnswer, isLabelled, type LabelledQuestion } from './labelled-questions.js';

/** What `eval --answers` reports: how the gate and the drafts did on a labelled file. */
export interface AnswerEvalReport {
  /** Questions with a labelled thread: they should be answered, citing a labelled thread first. */
  covered: {
    questions: number;
    answered: number;
    /** Answered, and the first citation is a labelled thread. */
    answeredRight: number;
    /** Answered, but the first citation is not a labelled thread. */
    answeredWrong: number;
    /** Gated ("no close match") although a labelled thread was among the five listed. */
    gatedWithLabelledInTop5: number;
    /** Gated, and no labelled thread among the five listed (a retrieval miss as well). */
    gatedOther: number;
  };
  /** Questions labelled `"relevant": []`: the right reply is "no close match". */
  uncovered: { questions: number; answered: number; gated: number };
  /** Answers to covered questions citing a thread with replies, and how many quote a reply's own words. */
  replyQuotes: { answers: number; quotingReply: number };
  /** Scraped-text artefacts summed over every answer (not no-match replies). */
  artefacts: { answers: number; repeatedSentences: number; midWordCuts: number; rawEntities: number; threadsCitedTwice: number };
  /** Each question the gate or the citation got wrong. */
  failures: Array<{
    line: number;
    question: string;
    failure: 'answered-uncovered' | 'wrong-first-citation' | 'gated-with-labelled-in-top5' | 'gated';
    confidence: number;
    /** Cited threads when answered, listed ones when gated. */
    got: string[];
  }>;
}

/** How `runAnswerEval` asks a question and looks up what the answer cited. */
export interface AnswerEvalOptions {
  /** Runs `ask` on a question. */
  ask: (question: string) => Promise<Answer>;
  /** The texts of an answer's cited threads, in citation order. */
  citedTexts: (answer: Answer) => Promise<CitedThreadText[]>;
}

/** Asks every question and scores the replies against the labels. */
export async function runAnswerEval(questions: LabelledQuestion[], options: AnswerEvalOptions): Promise<AnswerEvalReport> {
  const report: AnswerEvalReport = {
    covered: { questions: 0, answered: 0, answeredRight: 0, answeredWrong: 0, gatedWithLabelledInTop5: 0, gatedOther: 0 },
    uncovered: { questions: 0, answered: 0, gated: 0 },
    replyQuotes: { answers: 0, quotingReply: 0 },
    artefacts: { answers: 0, repeatedSentences: 0, midWordCuts: 0, rawEntities: 0, threadsCitedTwice: 0 },
    failures: [],
  };
  for (const labelled of questions) {
    const answer = await options.ask(labelled.question);
    const answered = answer.mode !== 'no-match';
    const fail = (failure: AnswerEvalReport['failures'][number]['failure']) =>
      report.failures.push({
        line: labelled.line,
        question: labelled.question,
        failure,
        confidence: answer.confidence,
        got: (answered ? answer.citations : answer.similar.slice(0, 5)).map((thread) => `${thread.id} ${thread.title}`),
      });
    const cited = answered ? await options.citedTexts(answer) : [];
    if (answered) {
      report.artefacts.answers += 1;
      report.artefacts.repeatedSentences += repeatedSentences(answer.answer);
      report.artefacts.midWordCuts += midWordCuts(answer.answer, cited);
      report.artefacts.rawEntities += rawEntities(answer.answer);
      report.artefacts.threadsCitedTwice += threadsCitedTwice(answer.citations);
    }

    if (expectsNoAnswer(labelled)) {
      report.uncovered.questions += 1;
      if (answered) {
        report.uncovered.answered += 1;
        fail('answered-uncovered');
      } else report.uncovered.gated += 1;
      continue;
    }
    report.covered.questions += 1;
    if (!answered) {
      const listed = answer.similar.slice(0, 5).some((thread) => isLabelled(labelled, thread));
      if (listed) report.covered.gatedWithLabelledInTop5 += 1;
      else report.covered.gatedOther += 1;
      fail(listed ? 'gated-with-labelled-in-top5' : 'gated');
      continue;
    }
    report.covered.answered += 1;
    const first = answer.citations[0];
    // A citation carries no aliases; the listed threads do.
    const aliases = answer.similar.find((thread) => thread.id === first?.id)?.aliases ?? [];
    if (first && isLabelled(labelled, { ...first, aliases })) report.covered.answeredRight += 1;
    else {
      report.covered.answeredWrong += 1;
      fail('wrong-first-citation');
    }
    if (cited.some((thread) => thread.answers.length > 0)) {
      report.replyQuotes.answers += 1;
      if (quotesReply(answer.answer, cited)) report.replyQuotes.quotingReply += 1;
    }
  }
  return report;
}
