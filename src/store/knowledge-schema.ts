import { Field, FixedSizeList, Float32, Float64, List, Schema, Utf8 } from 'apache-arrow';

/**
 * Tables the bot writes while it serves, beside the threads table in the same LanceDB:
 * the answers it gave (which is also the question log), the votes on them, the threads
 * it learned from chat, and a small key/value table (the key user ids are hashed with).
 * Their names never start with THREADS_TABLE_PREFIX, so ingest's orphan cleanup leaves them be.
 */
export const ANSWERS_TABLE = 'answers';
export const VOTES_TABLE = 'votes';
export const LEARNED_TABLE = 'learned_threads';
export const KNOWLEDGE_META_TABLE = 'knowledge_meta';

const text = (name: string, nullable = false) => new Field(name, new Utf8(), nullable);
const number = (name: string) => new Field(name, new Float64(), false);
const textList = (name: string) => new Field(name, new List(new Field('item', new Utf8(), true)), false);

/** One row per answer (and per DM lookup); no user ids. */
export const answersSchema = new Schema([
  text('answer_id'),
  text('mode'),
  text('question'),
  // Not searched, so a plain list: an embedder change needs no migration (`embedder` tells them apart).
  new Field('vector', new List(new Field('item', new Float32(), true)), false),
  text('embedder'),
  textList('thread_keys'),
  number('confidence'),
  number('created_at'),
  text('platform', true),
  text('channel', true),
  /** The Answer as JSON, to show it again ("Share in channel"); empty for a lookup. */
  text('body'),
]);

/** One row per user per answer (`vote_key`); the voted question's embedding is searched. */
export function votesSchema(dimension: number): Schema {
  return new Schema([
    text('vote_key'),
    text('answer_id'),
    text('user_hash'),
    text('vote'),
    text('question'),
    textList('thread_keys'),
    number('created_at'),
    new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false),
  ]);
}

/** One row per thread learned from chat: who may forget it, and its record to restore it after a rebuild. */
export const learnedSchema = new Schema([
  text('thread_key'),
  text('platform'),
  text('channel'),
  text('asker_hash'),
  text('marked_by_hash'),
  number('learned_at'),
  /** The ThreadRecord as JSON. */
  text('record'),
]);

export const knowledgeMetaSchema = new Schema([text('key'), text('value')]);
