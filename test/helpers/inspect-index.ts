import * as lancedb from '@lancedb/lancedb';

export interface IndexContents {
  /** The active threads table, as the meta table names it. */
  active: string;
  /** Every threads table on disk. */
  tables: string[];
  rows: number;
  distinctChunks: number;
  /** Columns that have an index. */
  indexes: string[];
  /** The active table's version (one per commit). */
  version: number;
}

/** Looks at an index with LanceDB itself, around the code under test. */
export async function inspectIndex(db: string): Promise<IndexContents> {
  const connection = await lancedb.connect(db);
  try {
    const meta = await connection.openTable('driverdesk_meta');
    const values = Object.fromEntries((await meta.query().toArray()).map((row) => [String(row.key), String(row.value)]));
    meta.close();
    const active = values.active_table as string;
    const table = await connection.openTable(active);
    const ids = (await table.query().select(['chunk_id']).toArray()).map((row) => String(row.chunk_id));
    const indexes = (await table.listIndices()).flatMap((index) => index.columns);
    const version = await table.version();
    table.close();
    return {
      active,
      tables: (await connection.tableNames()).filter((name) => name.startsWith('threads_')),
      rows: ids.length,
      distinctChunks: new Set(ids).size,
      indexes: indexes.sort(),
      version,
    };
  } finally {
    connection.close();
  }
}

/** Appends a copy of every row of the active table: the state two overlapping ingests left. */
export async function duplicateEveryRow(db: string, where?: string): Promise<number> {
  const connection = await lancedb.connect(db);
  try {
    const { active } = await inspectIndex(db);
    const table = await connection.openTable(active);
    const query = table.query();
    const rows = await (where ? query.where(where) : query).toArrow();
    await table.add(rows);
    table.close();
    return rows.numRows;
  } finally {
    connection.close();
  }
}
