import * as lancedb from '@lancedb/lancedb';
import { DriverdeskError } from '../errors.js';
import { connect, guarded } from './lance-errors.js';
import { META_TABLE, SCHEMA_VERSION, THREADS_TABLE_PREFIX, metaSchema, threadsSchema } from './table-schema.js';
import type { EmbedderIdentity } from './thread-index.js';

/** What the meta table says: which threads table is active, and what built it. */
export interface IndexMeta {
  active_table: string;
  /** The table the last rebuild replaced, kept until the next rebuild for readers still on it. */
  previous_table?: string;
  embedder: string;
  dimension: string;
  schema_version: string;
}

/**
 * A writer without the writer lock (object storage) drops another run's unfinished table only
 * when it is this old: no rebuild takes a day, so such a table was left by a killed run.
 */
const UNLOCKED_ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The catalog of an index: a small meta table names the active threads table. A rebuild fills
 * a new table and switches the name in one commit; readers follow the name; tables no reader
 * can still use (neither active nor previous) are dropped.
 */
export class LanceCatalog {
  private metaTable: lancedb.Table | undefined;

  private constructor(
    readonly connection: lancedb.Connection,
    readonly uri: string,
  ) {}

  /** `refreshSeconds`: how stale a read of this catalog's tables may be (see `connect`). */
  static async open(uri: string, refreshSeconds?: number): Promise<LanceCatalog> {
    return new LanceCatalog(await connect(uri, refreshSeconds), uri);
  }

  /** The meta as last committed, or undefined when there is no index (or its table is gone). */
  async readMeta(options: { checkTable?: boolean } = {}): Promise<IndexMeta | undefined> {
    return guarded('index_unavailable', 'cannot read the index catalog', this.uri, async () => {
      if (!this.metaTable) {
        if (!(await this.connection.tableNames()).includes(META_TABLE)) return undefined;
        this.metaTable = await this.connection.openTable(META_TABLE);
      } else {
        // Whatever the connection's consistency interval: whoever asks for the meta wants it now.
        await this.metaTable.checkoutLatest();
      }
      const rows = await this.metaTable.query().toArray();
      const values = Object.fromEntries(rows.map((row) => [String(row.key), String(row.value)]));
      if (!values.active_table) return undefined;
      if (options.checkTable && !(await this.connection.tableNames()).includes(values.active_table)) return undefined;
      return values as unknown as IndexMeta;
    });
  }

  /** The meta of an existing index; a missing index is a clear error. */
  async requireMeta(options: { checkTable?: boolean } = { checkTable: true }): Promise<IndexMeta> {
    const meta = await this.readMeta(options);
    if (!meta) {
      throw new DriverdeskError({
        code: 'index_missing',
        message: `no index at ${this.uri}: run \`driverdesk ingest\` first`,
        details: { uri: this.uri },
      });
    }
    return meta;
  }

  /** Vectors of another embedder, or rows of another schema, cannot be searched: say to rebuild. */
  checkCompatible(meta: IndexMeta, embedder: EmbedderIdentity): void {
    if (meta.embedder !== embedder.id || Number(meta.dimension) !== embedder.dimension) {
      throw new DriverdeskError({
        code: 'index_embedder_mismatch',
        message: `the index at ${this.uri} was built with embedder "${meta.embedder}" (${meta.dimension} dimensions) but EMBEDDINGS now gives "${embedder.id}" (${embedder.dimension}): run \`driverdesk ingest --rebuild\``,
        details: { built: meta.embedder, current: embedder.id },
      });
    }
    if (Number(meta.schema_version) !== SCHEMA_VERSION) {
      throw new DriverdeskError({
        code: 'index_schema_outdated',
        message: `the index at ${this.uri} has table schema ${meta.schema_version}, this version of driverdesk needs ${SCHEMA_VERSION}: run \`driverdesk ingest --rebuild\``,
        details: { built: Number(meta.schema_version), current: SCHEMA_VERSION },
      });
    }
  }

  async openTable(name: string): Promise<lancedb.Table> {
    return guarded('index_unavailable', `cannot open table ${name}`, this.uri, () => this.connection.openTable(name));
  }

  /** A new, empty threads table, named after its creation time (see `dropUnused`). */
  async createTable(dimension: number): Promise<{ name: string; table: lancedb.Table }> {
    const name = `${THREADS_TABLE_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
    const table = await guarded('index_write_failed', 'cannot create a table', this.uri, () =>
      this.connection.createEmptyTable(name, threadsSchema(dimension)),
    );
    return { name, table };
  }

  /**
   * Makes `name` the active table in one commit. The table it replaces stays as `previous_table`
   * until the next rebuild, so a reader that has not looked at the meta since can still finish
   * its query; the one before it is dropped.
   */
  async activate(name: string, embedder: EmbedderIdentity, options: { exclusive: boolean }): Promise<void> {
    const before = await this.readMeta();
    const previous = before && before.active_table !== name ? before.active_table : before?.previous_table;
    await this.writeMeta({
      active_table: name,
      previous_table: previous ?? '',
      embedder: embedder.id,
      dimension: String(embedder.dimension),
      schema_version: String(SCHEMA_VERSION),
    });
    await this.dropUnused(options);
  }

  /**
   * Drops threads tables that are neither active nor previous: those of killed rebuilds and
   * those replaced two rebuilds ago. Without the writer lock, only tables a day old go (a
   * younger one may be another run's rebuild in progress).
   */
  async dropUnused(options: { exclusive: boolean; keep?: string }): Promise<string[]> {
    const meta = await this.readMeta();
    const keep = new Set([meta?.active_table, meta?.previous_table, options.keep].filter(Boolean));
    const dropped: string[] = [];
    const names = await guarded('index_unavailable', 'cannot list tables', this.uri, () => this.connection.tableNames());
    for (const name of names) {
      if (!name.startsWith(THREADS_TABLE_PREFIX) || keep.has(name)) continue;
      if (!options.exclusive && Date.now() - createdAt(name) < UNLOCKED_ORPHAN_AGE_MS) continue;
      // A table another process already dropped is fine.
      await this.connection.dropTable(name).catch(() => undefined);
      dropped.push(name);
    }
    return dropped;
  }

  close(): void {
    this.metaTable?.close();
    this.connection.close();
  }

  private async writeMeta(meta: IndexMeta): Promise<void> {
    await guarded('index_write_failed', 'cannot switch the active table', this.uri, async () => {
      const names = await this.connection.tableNames();
      this.metaTable ??= names.includes(META_TABLE)
        ? await this.connection.openTable(META_TABLE)
        : await this.connection.createEmptyTable(META_TABLE, metaSchema, { mode: 'create', existOk: true });
      const rows = Object.entries(meta).map(([key, value]) => ({ key, value: String(value) }));
      // One merge-insert is one commit: readers see either the old meta or the new one.
      await this.metaTable
        .mergeInsert('key')
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute(lancedb.makeArrowTable(rows, { schema: metaSchema }));
    });
  }
}

/** The creation time a table's name carries (0 when it carries none: treated as old). */
function createdAt(name: string): number {
  const stamp = Number.parseInt(name.slice(THREADS_TABLE_PREFIX.length, -4), 36);
  return Number.isFinite(stamp) ? stamp : 0;
}
