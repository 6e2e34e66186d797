import type { ThreadRecord } from './thread-record.js';

/** What a reader yields per record: the record, or why a line or file was skipped (with where). */
export type ReadResult =
  | { success: true; value: ThreadRecord; file: string; line: number }
  | { success: false; error: string; file: string; line: number };

export const skipped = (file: string, line: number, error: string): ReadResult => ({ success: false, error, file, line });
