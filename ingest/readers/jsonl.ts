import { skipped, type ReadResult } from '../read-result.js';
import { toThreadRecord } from '../thread-record.js';

/** JSONL text → one result per non-blank line; a bad line is reported with its number and skipped. */
export function* readJsonl(text: string, file: string, defaultSource: string): Generator<ReadResult> {
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      yield skipped(file, line, `invalid JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield skipped(file, line, 'expected a JSON object per line');
      continue;
    }
    const record = toThreadRecord(value, defaultSource);
    yield record.success ? { ...record, file, line } : skipped(file, line, record.error);
  }
}
