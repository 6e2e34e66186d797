import * as lancedb from '@lancedb/lancedb';
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { TermStatsCounter, type TermStats } from '../text/term-stats.js';
import { THREADS_TABLE_PREFIX } from './table-schema.js';

/**
 * Term statistics live in a small table beside each threads table, named after it, so a
 * rebuild's statistics switch with the threads table it describes (the meta table names the
 * active threads table; its statistics are found by name) and a killed rebuild leaves the
 * previous pair in use.
 */
const TERM_STATS_PREFIX = 'term_stats_';
/** The row holding the number of threads counted (a term never contains a space). */
const DOCUMENTS_ROW = ' documents';
/** How often a reader checks whether an ingest rewrote the statistics. */
const RECHECK_MS = 10_000;

const termStatsSchema = new Schema([new Field('term', new Utf8(), false), new Field('documents', new Int32(), false)]);

/** `threads_abc` → `term_stats_abc`. */
function termStatsTableName(threadsTable: string): string {
  return `${TERM_STATS_PREFIX}${threadsTable.slice(THREADS_TABLE_PREFIX.length)}`;
}

/** Counts the threads table's terms (one streaming pass over its texts). */
async function countTableTerms(table: lancedb.Table): Promise<TermStats> {
  const counter = new TermStatsCounter();
  for await (const batch of table.query().select(['thread_key', 'title', 'text', 'position'])) {
    const keys = batch.getChild('thread_key');
    const titles = batch.getChild('title');
    const texts = batch.getChild('text');
    const positions = batch.getChild('position');
    for (let row = 0; row < batch.numRows; row += 1) {
      counter.addChunk({
        thread_key: String(keys?.get(row)),
        title: String(titles?.get(row) ?? ''),
        text: String(texts?.get(row) ?? ''),
        position: Number(positions?.get(row)),
      });
    }
  }
  return counter.result();
}

/**
 * Counts the terms of `threadsTable` and writes them beside it in one commit (an overwrite:
 * readers see the old statistics or the new ones), then drops statistics whose threads
 * table is gone.
 */
export async function writeTermStats(connection: lancedb.Connection, threadsTable: string): Promise<TermStats> {
  const table = await connection.openTable(threadsTable);
  let stats: TermStats;
  try {
    stats = await countTableTerms(table);
  } finally {
    table.close();
  }
  const rows = [
    { term: DOCUMENTS_ROW, documents: stats.documents },
    ...[...stats.frequencies].map(([term, documents]) => ({ term, documents })),
  ];
  const name = termStatsTableName(threadsTable);
  const before = await connection.tableNames();
  const data = lancedb.makeArrowTable(rows, { schema: termStatsSchema });
  const written = await connection.createTable(name, data, { mode: before.includes(name) ? 'overwrite' : 'create' });
  written.close();
  const names = await connection.tableNames();
  for (const name of names) {
    if (!name.startsWith(TERM_STATS_PREFIX)) continue;
    const owner = `${THREADS_TABLE_PREFIX}${name.slice(TERM_STATS_PREFIX.length)}`;
    if (owner !== threadsTable && !names.includes(owner)) await connection.dropTable(name).catch(() => undefined);
  }
  return stats;
}

/**
 * Reads the statistics of a threads table, cached: a reader re-reads them only when an ingest
 * has rewritten them (checked at most every 10 s). An index written before term statistics
 * existed has none; they are then counted from the threads table once, in memory.
 */
export class TermStatsReader {
  private cached: { threadsTable: string; version: number; stats: TermStats; checkedAt: number } | undefined;

  constructor(private readonly connection: lancedb.Connection) {}

  async read(threadsTable: string): Promise<TermStats> {
    const now = Date.now();
    const cached = this.cached;
    if (cached && cached.threadsTable === threadsTable && now - cached.checkedAt < RECHECK_MS) return cached.stats;
    const name = termStatsTableName(threadsTable);
    if (!(await this.connection.tableNames()).includes(name)) {
      if (cached?.threadsTable === threadsTable && cached.version === -1) return cached.stats;
      const table = await this.connection.openTable(threadsTable);
      try {
        const stats = await countTableTerms(table);
        this.cached = { threadsTable, version: -1, stats, checkedAt: now };
        return stats;
      } finally {
        table.close();
      }
    }
    const table = await this.connection.openTable(name);
    try {
      const version = await table.version();
      if (cached && cached.threadsTable === threadsTable && cached.version === version) {
        cached.checkedAt = now;
        return cached.stats;
      }
      let documents = 0;
      const frequencies = new Map<string, number>();
      for await (const batch of table.query().select(['term', 'documents'])) {
        const terms = batch.getChild('term');
        const counts = batch.getChild('documents');
        for (let row = 0; row < batch.numRows; row += 1) {
          const term = String(terms?.get(row));
          const count = Number(counts?.get(row));
          if (term === DOCUMENTS_ROW) documents = count;
          else frequencies.set(term, count);
        }
      }
      const stats = { documents, frequencies };
      this.cached = { threadsTable, version, stats, checkedAt: now };
      return stats;
    } finally {
      table.close();
    }
  }
}
