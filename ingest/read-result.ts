import type { ThreadRecord } from './thread-record.js';

/** What a reader yields per record: the record, or why a line or file was skipped (with where). */
export type ReadResult =
  | { success: true; value: ThreadRecord; file: string; line: number }
  | { success: false; error: string; file: string; line: number };

/** A skipped result: `error` says what was wrong at `file`:`line` (0 for the whole file). */
export const skipped = (file: string, line: number, error: string): ReadResult => ({ success: false, error, file, line });

/** What a reader is told besides the file's path. */
export interface ReadOptions {
  /** The folder the file was found in when a folder was ingested; Markdown ids are relative to it. */
  root?: string | undefined;
  /** A Stack Exchange site's domain (`superuser.com`), for a Posts.xml whose folder does not name it. */
  site?: string | undefined;
}
