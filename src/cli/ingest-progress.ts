import cliProgress from 'cli-progress';
import type { IngestProgress, IngestSummary } from '../../ingest/ingest-summary.js';

/**
 * A progress bar on a terminal, plain lines otherwise (CI logs, pipes). Writes to stderr so
 * stdout stays for results.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (progress: IngestProgress) => void;
  onSkip: (skip: { file: string; line: number; reason: string }) => void;
  stop: () => void;
} {
  const tty = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let lastPlain = 0;
  return {
    onProgress(progress) {
      if (progress.phase === 'write') {
        if (tty) {
          if (!bar) {
            bar = new cliProgress.SingleBar(
              { stream, format: 'embedding and writing [{bar}] {value}/{total} threads | {chunks} chunks | eta {eta}s', hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(progress.total, 0, { chunks: 0 });
          }
          bar.update(progress.done, { chunks: progress.chunks });
        } else if (progress.done === progress.total || Date.now() - lastPlain > 2000) {
          lastPlain = Date.now();
          stream.write(`written ${progress.done}/${progress.total} threads (${progress.chunks} chunks)\n`);
        }
      } else if (progress.phase === 'index') {
        bar?.stop();
        bar = undefined;
        stream.write('building the search indexes…\n');
      }
    },
    onSkip(skip) {
      bar?.stop();
      bar = undefined;
      stream.write(`skipped ${skip.file}${skip.line > 0 ? `:${skip.line}` : ''}: ${skip.reason}\n`);
    },
    stop() {
      bar?.stop();
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
    `index version: ${summary.version}${summary.vectorIndex ? ' (vector index built)' : ''}${summary.rebuilt ? ' (rebuilt)' : ''}`,
    `time: ${summary.seconds.toFixed(1)} s`,
  ].join('\n');
}
