import * as lancedb from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import { DriverdeskError } from '../errors.js';

/**
 * Every read checks for commits made by other handles and processes (0 seconds), so a vote,
 * an answer or a learned thread written by one bot process is seen by the next read of another.
 * A check is one small manifest read; the knowledge tables are read once or twice per question.
 */
export const READ_CONSISTENCY_SECONDS = 0;

/** Connects for the knowledge tables; an unreachable URI is a coded, one-line error. */
export async function connectKnowledge(uri: string): Promise<lancedb.Connection> {
  try {
    return await lancedb.connect(uri, { readConsistencyInterval: READ_CONSISTENCY_SECONDS });
  } catch (error) {
    throw new DriverdeskError({
      code: 'index_unavailable',
      message: `cannot open the index at ${uri}: ${(error as Error).message}`,
      cause: error,
      details: { uri },
    });
  }
}

/** Opens a table, creating it empty when missing (another process creating it at once is fine). */
export async function openOrCreateTable(connection: lancedb.Connection, name: string, schema: Schema): Promise<lancedb.Table> {
  if ((await connection.tableNames()).includes(name)) return connection.openTable(name);
  return connection.createEmptyTable(name, schema, { mode: 'create', existOk: true });
}

/** Rows in the table's schema, for add and merge-insert. */
export function arrowRows(rows: object[], schema: Schema) {
  return lancedb.makeArrowTable(rows as Record<string, unknown>[], { schema });
}

/** A table opened for writing; one opened read-only (undefined: not created) may not be written. */
export function writable(table: lancedb.Table | undefined): lancedb.Table {
  if (!table) throw new Error('the knowledge tables were opened read-only');
  return table;
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An Arrow list cell (or a plain array) as a JS array. */
export function listOf<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return Array.from(value as Iterable<T>);
}

/** Commits between compactions: every write is a small commit, and many small files slow reads. */
const COMPACT_EVERY = 200;
/** Versions older than this are removed by a compaction (readers re-check the latest on every read). */
const KEEP_VERSIONS_MS = 10 * 60_000;

/**
 * Counts writes to a table and compacts it in the background every COMPACT_EVERY commits.
 * A failed compaction (e.g. racing another process) is harmless: the next one tries again.
 */
export class Compactor {
  private writes = 0;
  private running: Promise<unknown> | undefined;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  wrote(table: lancedb.Table): void {
    this.writes += 1;
    if (this.writes % COMPACT_EVERY !== 0 || this.running) return;
    this.running = table
      .optimize({ cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) })
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a compaction in progress (before closing the table). */
  async settle(): Promise<void> {
    await this.running;
  }
}
