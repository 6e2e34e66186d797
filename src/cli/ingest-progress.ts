import type { IngestProgress, IngestSummary } from '../../ingest/ingest-summary.js';

/** What each index step is called on the progress line. */
const STEP_NAMES: Record<string, string> = {
  fts_text: 'the full-text index',
  thread_key: 'the thread lookup index',
  vector: 'the vector index',
  fold: 'new rows into the indexes',
};

/**
 * Progress on stderr, so stdout stays for results. Input is streamed, so there is no total to
 * draw a bar against: a terminal gets one line rewritten in place, other streams (CI logs,
 * pipes) a line every two seconds.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (progress: IngestProgress) => void;
  onSkip: (skip: { file: string; line: number; reason: string }) => void;
  onWait: (holder: string) => void;
  stop: () => void;
} {
  const tty = Boolean(stream.isTTY);
  let open = false;
  let lastPlain = 0;
  const endLine = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    onProgress(progress) {
      if (progress.phase === 'write') {
        const text = `written ${progress.written} of ${progress.threads} threads read (${progress.chunks} chunks)`;
        if (tty) {
          stream.write(`\r${text}\x1b[K`);
          open = true;
        } else if (Date.now() - lastPlain > 2000) {
          lastPlain = Date.now();
          stream.write(`${text}\n`);
        }
      } else if (progress.phase === 'repair') {
        endLine();
        stream.write('looking for duplicate chunks in the whole index…\n');
      } else if (progress.phase === 'index') {
        endLine();
        stream.write(progress.step ? `building ${STEP_NAMES[progress.step] ?? progress.step}…\n` : 'checking the search indexes…\n');
      }
    },
    onSkip(skip) {
      endLine();
      stream.write(`skipped ${skip.file}${skip.line > 0 ? `:${skip.line}` : ''}: ${skip.reason}\n`);
    },
    onWait(holder) {
      endLine();
      stream.write(`waiting for another ingest writing to this index: ${holder}\n`);
    },
    stop() {
      endLine();
    },
  };
}

export function formatSummary(summary: IngestSummary): string {
  const reasons = new Map<string, number>();
  for (const skip of summary.skipped) {
    const reason = (skip.reason.split(/[:(]/)[0] ?? skip.reason).replace(/s*"[^"]*"/g, '').trim();
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const skippedText =
    summary.skipped.length === 0
      ? '0'
      : `${summary.skipped.length} (${[...reasons].map(([reason, count]) => `${count} ${reason}`).join('; ')})`;
  return [
    `files: ${summary.files}`,
    `records read: ${summary.recordsRead}`,
    `skipped: ${skippedText}`,
    `threads written: ${summary.threadsWritten}, unchanged: ${summary.threadsUnchanged}`,
    `chunks written: ${summary.chunksWritten}`,
    ...(summary.duplicatesRemoved > 0 ? [`duplicate chunks removed: ${summary.duplicatesRemoved}`] : []),
    ...(summary.indexesBuilt.length > 0 ? [`indexes built: ${summary.indexesBuilt.join(', ')}`] : []),
    `index version: ${summary.version}${summary.vectorIndex ? ' (vector index)' : ''}${summary.rebuilt ? ' (rebuilt)' : ''}`,
    `time: ${summary.seconds.toFixed(1)} s`,
  ].join('\n');
}
