import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { type ReadOptions, type ReadResult, skipped } from './read-result.js';
import { isDiscordExport, readDiscordExport } from './readers/discord-export.js';
import { isForumListing, readForumListing } from './readers/forum-listing.js';
import { parseJsonDocument } from './readers/json-positions.js';
import { readJsonl } from './readers/jsonl.js';
import { readMarkdown } from './readers/markdown.js';
import { readSlackExport } from './readers/slack-export.js';
import { isSlackExportFolder, openSlackFolder, openSlackZip, type SlackExportTree } from './readers/slack-export-tree.js';
import { readStackExchangePosts, stackExchangeSite } from './readers/stackexchange-posts.js';

export type { ReadOptions } from './read-result.js';

/** A file (or a Slack export folder) to read; `root` is the folder given on the command line that holds it. */
export interface ListedSource {
  file: string;
  root?: string;
  error?: string;
}

/** Bytes looked at to recognise a format before anything is read whole. */
const HEAD_BYTES = 64 * 1024;
/** Files read whole must fit in one string; larger ones must be a streamed format. */
const MAX_WHOLE_FILE_BYTES = 512 * 1024 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Every file under the given paths, folders walked recursively in name order, hidden entries
 * skipped. A folder holding a Slack export is listed as one source, not walked.
 */
export async function* listFiles(paths: readonly string[]): AsyncGenerator<ListedSource> {
  for (const path of paths) yield* walk(path, undefined);
}

async function* walk(path: string, root: string | undefined): AsyncGenerator<ListedSource> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    yield { file: path, error: describeFsError(error) };
    return;
  }
  if (!info.isDirectory() || (await isSlackExportFolder(path))) {
    yield { file: path, ...(root !== undefined && { root }) };
    return;
  }
  let entries: Array<{ name: string }>;
  try {
    entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    yield { file: path, error: `cannot read folder: ${describeFsError(error)}` };
    return;
  }
  for (const entry of entries) {
    if (!entry.name.startsWith('.') && entry.name !== 'node_modules') yield* walk(join(path, entry.name), root ?? path);
  }
}

/**
 * Reads one source and yields its records, or skipped results saying what was wrong and where.
 * The format is recognised from the file's first bytes and its extension: a zip or folder with
 * a Slack export, a Stack Exchange Posts.xml (both streamed), or a text file read whole
 * (DiscordChatExporter JSON, thread JSONL, a forum listing dump, Markdown).
 */
export async function* readSourceFile(file: string, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  let head: Buffer;
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      yield* (await isSlackExportFolder(file)) ? readSlackTree(await openSlackFolder(file)) : [skipped(file, 0, 'is a folder')];
      return;
    }
    size = info.size;
    head = await readHead(file);
  } catch (error) {
    yield skipped(file, 0, `cannot read file: ${describeFsError(error)}`);
    return;
  }
  if (size === 0) {
    yield skipped(file, 0, 'empty file');
    return;
  }
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    yield* readZip(file);
    return;
  }
  if (head.includes(0)) {
    yield skipped(file, 0, 'binary file (not UTF-8 text)');
    return;
  }
  const start = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<?xml') || extname(file).toLowerCase() === '.xml') {
    yield* readXml(file, start, options);
    return;
  }
  if (size > MAX_WHOLE_FILE_BYTES) {
    yield skipped(file, 0, `too large to read whole (${Math.round(size / 1024 / 1024)} MB); split it (DiscordChatExporter: --partition)`);
    return;
  }
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    yield skipped(file, 0, `cannot read file: ${describeFsError(error)}`);
    return;
  }
  if (text.trim() === '') {
    yield skipped(file, 0, 'empty file');
    return;
  }
  yield* readText(text, file, options);
}

function* readText(text: string, file: string, options: ReadOptions): Generator<ReadResult> {
  const extension = extname(file).toLowerCase();
  const source = basename(file);
  if (extension === '.jsonl' || extension === '.ndjson') return yield* readJsonl(text, file, source);
  if (extension === '.md' || extension === '.markdown') return yield* readMarkdown(text, file, source, options.root);
  if (isForumListing(text)) return yield* readForumListing(text, file, source);
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) {
    yield skipped(file, 0, 'unknown format: expected thread JSONL, a DiscordChatExporter JSON export, a Slack export, a Stack Exchange Posts.xml, a forum listing dump, or Markdown (.md)');
    return;
  }
  // DiscordChatExporter writes one indented object that opens with "guild"; JSONL is one object a line.
  if (/^\{\s*"guild"\s*:/.test(trimmed)) {
    const parsed = parseJsonDocument(text);
    if (!parsed.success) return yield skipped(file, parsed.line, `${parsed.error} (in a DiscordChatExporter export)`);
    if (isDiscordExport(parsed.value)) return yield* readDiscordExport(parsed.value, text, file);
  } else if (extension === '.json') {
    const value = parseOrUndefined(text);
    if (isDiscordExport(value)) return yield* readDiscordExport(value, text, file);
  }
  yield* readJsonl(text, file, source);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function* readXml(file: string, start: string, options: ReadOptions): AsyncGenerator<ReadResult> {
  const rootElement = /<([A-Za-z_][\w.-]*)[\s>/]/.exec(start.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''))?.[1];
  if (rootElement !== 'posts') {
    yield skipped(file, 0, `XML whose root is <${rootElement ?? '?'}>: only a Stack Exchange dump's Posts.xml is read`);
    return;
  }
  const site = stackExchangeSite(file, options.site);
  if (!site) {
    yield skipped(file, 0, 'cannot tell which Stack Exchange site this Posts.xml is from: put it in a folder named after the site (superuser.com/Posts.xml) or pass --site DOMAIN');
    return;
  }
  yield* readStackExchangePosts(file, site);
}

async function* readZip(file: string): AsyncGenerator<ReadResult> {
  let tree: SlackExportTree | undefined;
  try {
    tree = await openSlackZip(file);
  } catch (error) {
    yield skipped(file, 0, `cannot read zip: ${(error as Error).message}`);
    return;
  }
  if (!tree) {
    yield skipped(file, 0, 'zip file that is not a Slack export (no channels.json and users.json)');
    return;
  }
  yield* readSlackTree(tree);
}

async function* readSlackTree(tree: SlackExportTree): AsyncGenerator<ReadResult> {
  try {
    yield* readSlackExport(tree);
  } finally {
    tree.close();
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error).message;
}
