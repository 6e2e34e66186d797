/** What an ingest run did; printed by the CLI and returned to scripts. */
export interface IngestSummary {
  files: number;
  recordsRead: number;
  skipped: Array<{ file: string; line: number; reason: string }>;
  threadsWritten: number;
  threadsUnchanged: number;
  chunksWritten: number;
  rebuilt: boolean;
  vectorIndex: boolean;
  /** Table version after the run. */
  version: number;
  seconds: number;
}

export type IngestProgress =
  | { phase: 'read'; files: number; records: number }
  | { phase: 'write'; done: number; total: number; chunks: number }
  | { phase: 'index' };
