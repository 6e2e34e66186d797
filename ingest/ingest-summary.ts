/** What an ingest run did; printed by the CLI and returned to scripts. */
export interface IngestSummary {
  files: number;
  recordsRead: number;
  skipped: Array<{ file: string; line: number; reason: string }>;
  threadsWritten: number;
  threadsUnchanged: number;
  chunksWritten: number;
  /** Extra copies of a chunk found and deleted (left by overlapping runs of older versions). */
  duplicatesRemoved: number;
  /** Indexes this run had to build because the table lacked them (e.g. after a killed run). */
  indexesBuilt: string[];
  rebuilt: boolean;
  vectorIndex: boolean;
  /** Table version after the run. */
  version: number;
  seconds: number;
}

/**
 * Progress as it happens. Input is streamed, so the number of threads to come is not known:
 * `write` counts threads compared with the index so far and those of them written.
 */
export type IngestProgress =
  | { phase: 'read'; files: number; records: number }
  | { phase: 'write'; threads: number; written: number; chunks: number }
  | { phase: 'repair' }
  | { phase: 'index'; step?: string };
