import { Bool, Field, FixedSizeList, Float32, Float64, Schema, Utf8, Int32 } from 'apache-arrow';

/** Bump when the columns change: an index with another schema version must be rebuilt. */
export const SCHEMA_VERSION = 2;

/** The small key/value table naming the active threads table (lance-catalog.ts). */
export const META_TABLE = 'driverdesk_meta';
/** Threads tables are named this plus their creation time: several exist during a rebuild. */
export const THREADS_TABLE_PREFIX = 'threads_';

/** Arrow schema of a threads table for vectors of the given length. */
export function threadsSchema(dimension: number): Schema {
  return new Schema([
    new Field('chunk_id', new Utf8(), false),
    new Field('thread_key', new Utf8(), false),
    new Field('thread_id', new Utf8(), false),
    new Field('source', new Utf8(), false),
    new Field('title', new Utf8(), false),
    new Field('url', new Utf8(), true),
    new Field('kind', new Utf8(), false),
    new Field('position', new Int32(), false),
    new Field('accepted', new Bool(), false),
    new Field('author', new Utf8(), true),
    new Field('aliases', new Utf8(), false),
    new Field('text', new Utf8(), false),
    new Field('fts_text', new Utf8(), false),
    new Field('tags', new Utf8(), false),
    new Field('replies', new Float64(), true),
    new Field('boosts', new Float64(), true),
    new Field('views', new Float64(), true),
    new Field('activity', new Utf8(), true),
    new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false),
  ]);
}

/** Arrow schema of the meta table. */
export const metaSchema = new Schema([new Field('key', new Utf8(), false), new Field('value', new Utf8(), false)]);

/** Columns read back for results (vectors and the FTS column stay in the table). */
export const RESULT_COLUMNS = [
  'chunk_id',
  'thread_key',
  'thread_id',
  'source',
  'title',
  'url',
  'kind',
  'position',
  'accepted',
  'author',
  'aliases',
  'text',
  'tags',
  'replies',
  'boosts',
  'views',
  'activity',
];
