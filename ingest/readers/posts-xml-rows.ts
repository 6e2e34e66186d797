import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/** One `<row …/>` of a Stack Exchange dump file: its attributes (entity-decoded) and line. */
export interface PostsRow {
  attributes: Record<string, string>;
  line: number;
}

/**
 * Bytes read per chunk: the parser holds one chunk and the rows parsed from it, never the file.
 * bench/stackexchange-memory.ts reports the peak memory and speed; run it with another value
 * here to compare (64 KiB was chosen over the 1 MiB before it that way).
 */
const CHUNK_CHARS = 1 << 16;

/**
 * Streams the rows of a dump file through a SAX parser, in file order, in bounded memory. When
 * the XML is broken, the rows before the break are yielded, then one `{ error, line }` and the
 * stream stops (XML cannot be read on past a well-formedness error).
 */
export async function* postsXmlRows(file: string): AsyncGenerator<PostsRow | { error: string; line: number }> {
  const parser = new SaxesParser({ position: true });
  const rows: PostsRow[] = [];
  let rowLine = 0;
  parser.on('opentagstart', (tag) => {
    if (tag.name === 'row') rowLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'row') rows.push({ attributes: tag.attributes as Record<string, string>, line: rowLine });
  });
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_CHARS });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(first ? chunk.replace(/^\uFEFF/, '') : chunk);
      first = false;
      yield* rows.splice(0);
    }
    parser.close();
    yield* rows.splice(0);
  } catch (error) {
    yield* rows.splice(0);
    yield { error: describeXmlError(error), line: parser.line };
  } finally {
    stream.destroy();
  }
}

/** saxes prefixes messages with `line:column: `; the caller reports the line itself. */
function describeXmlError(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return `invalid XML: ${message.replace(/^(?:[^:\n]*:)?\d+:\d+:\s*/, '')}`;
}
