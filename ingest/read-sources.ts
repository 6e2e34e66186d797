import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { skipped, type ReadResult } from './read-result.js';
import { isForumListing, readForumListing } from './readers/forum-listing.js';
import { readJsonl } from './readers/jsonl.js';
import { readMarkdown } from './readers/markdown.js';

type Reader = (text: string, file: string, defaultSource: string) => Generator<ReadResult>;

/** Every file under the given paths, folders walked recursively, hidden entries skipped. */
export async function* listFiles(paths: readonly string[]): AsyncGenerator<{ file: string; error?: string }> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield { file: path, error: describeFsError(error) };
      continue;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      const children = entries.filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules');
      yield* listFiles(children.map((entry) => join(path, entry.name)));
    } else {
      yield { file: path };
    }
  }
}

/** Reads one file and yields its records, or one skipped result saying why the file was not read. */
export async function* readSourceFile(file: string): AsyncGenerator<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    yield skipped(file, 0, `cannot read file: ${describeFsError(error)}`);
    return;
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') {
    yield skipped(file, 0, 'empty file');
    return;
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    yield skipped(file, 0, 'binary file (not UTF-8 text)');
    return;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const reader = pickReader(file, text);
  if (!reader) {
    yield skipped(file, 0, 'unknown format: expected .jsonl thread records, a forum listing dump, or Markdown (.md)');
    return;
  }
  yield* reader(text, file, basename(file));
}

function pickReader(file: string, text: string): Reader | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return readJsonl;
  if (extension === '.md' || extension === '.markdown') return readMarkdown;
  if (isForumListing(text)) return readForumListing;
  if (text.trimStart().startsWith('{')) return readJsonl;
  return undefined;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error).message;
}
