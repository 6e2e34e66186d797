import type { AnswerEvalReport } from './run-answer-eval.js';
import type { EvalReport } from './run-eval.js';

/** The text form of a recall report: the figures, then each miss. */
export function formatRecallReport(report: EvalReport): string {
  const lines = [
    `${report.mode}: ${report.questions} questions`,
    `recall@1 ${report.recallAt1.toFixed(3)}  recall@5 ${report.recallAt5.toFixed(3)}  MRR ${report.mrr.toFixed(3)}`,
  ];
  if (report.misses.length > 0) {
    lines.push('misses (no relevant thread in the top 5):');
    for (const miss of report.misses) lines.push(`  line ${miss.line}: ${miss.question}\n    expected: ${miss.expected.join(', ')}\n    got: ${miss.got.join(' | ')}`);
  }
  return lines.join('\n');
}

/** The text form of an `eval --answers` report: gate and citation figures, drafts, then each failure. */
export function formatAnswerReport(report: AnswerEvalReport): string {
  const { covered, uncovered, replyQuotes, artefacts } = report;
  const lines = [`answers (ask on each question):`];
  if (covered.questions > 0) {
    lines.push(
      `  covered: ${covered.questions} questions, answered ${covered.answered} (${share(covered.answered, covered.questions)})`,
      `    first citation labelled ${covered.answeredRight} (${share(covered.answeredRight, covered.answered)} of answered), wrong ${covered.answeredWrong}`,
      `    gated with a labelled thread in the top 5: ${covered.gatedWithLabelledInTop5}; gated otherwise: ${covered.gatedOther}`,
    );
  }
  if (uncovered.questions > 0) {
    lines.push(`  uncovered ("relevant": []): ${uncovered.questions} questions, answered (wrong) ${uncovered.answered} (${share(uncovered.answered, uncovered.questions)}), gated (right) ${uncovered.gated}`);
  }
  lines.push(
    `  answers quoting a reply's own words: ${replyQuotes.quotingReply} of ${replyQuotes.answers} citing a thread with replies (${share(replyQuotes.quotingReply, replyQuotes.answers)})`,
    `  artefacts in ${artefacts.answers} answers: repeated sentences ${artefacts.repeatedSentences}, mid-word cuts ${artefacts.midWordCuts}, raw HTML entities ${artefacts.rawEntities}, threads cited twice ${artefacts.threadsCitedTwice}`,
  );
  if (report.failures.length > 0) {
    lines.push('failures:');
    for (const failure of report.failures) {
      lines.push(`  line ${failure.line} [${failure.failure}, confidence ${failure.confidence.toFixed(3)}]: ${failure.question}\n    got: ${failure.got.join(' | ') || '(nothing)'}`);
    }
  }
  return lines.join('\n');
}

function share(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}
