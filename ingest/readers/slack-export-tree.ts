import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/**
 * A Slack export, unzipped or not: its top-level files (`channels.json`, `users.json`, …) and
 * one folder per conversation with a JSON file per day. Paths are relative and use `/`.
 */
export interface SlackExportTree {
  /** How a file inside is named in messages: the real path, or `export.zip/general/2024-01-02.json`. */
  displayPath(path: string): string;
  has(path: string): boolean;
  /** The day files of a conversation's folder (`general/2024-01-02.json`), in date order. */
  dayFiles(folder: string): string[];
  read(path: string): Promise<string>;
  close(): void;
}

/** A day file is named by its date; anything else in a conversation's folder is not messages. */
const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;
/** Larger entries are refused rather than inflated into memory (a day of one channel is far smaller). */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** True when a folder holds a Slack export (both `channels.json` and `users.json`). */
export async function isSlackExportFolder(folder: string): Promise<boolean> {
  const files = await Promise.all(['channels.json', 'users.json'].map((name) => stat(join(folder, name)).catch(() => undefined)));
  return files.every((info) => info?.isFile());
}

/** An unzipped export folder. */
export async function openSlackFolder(folder: string): Promise<SlackExportTree> {
  const top = new Set<string>();
  const days = new Map<string, string[]>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isFile()) top.add(entry.name);
    else if (entry.isDirectory() && !entry.name.startsWith('.')) {
      const names = (await readdir(join(folder, entry.name))).filter((name) => DAY_FILE.test(name)).sort();
      days.set(entry.name, names.map((name) => `${entry.name}/${name}`));
    }
  }
  return {
    displayPath: (path) => join(folder, path),
    has: (path) => top.has(path),
    dayFiles: (name) => days.get(name) ?? [],
    read: (path) => readFile(join(folder, path), 'utf8'),
    close: () => {},
  };
}

/**
 * A zipped export, read in place: the central directory lists the entries, and each file is
 * inflated only when read. Exports zipped with an enclosing folder are handled too.
 */
export async function openSlackZip(file: string): Promise<SlackExportTree | undefined> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
  } catch (error) {
    zip.close();
    throw error;
  }
  const channels = [...entries.keys()].filter((name) => posix.basename(name) === 'channels.json').sort((a, b) => a.length - b.length)[0];
  const prefix = channels === undefined ? undefined : channels.slice(0, -'channels.json'.length);
  if (prefix === undefined || !entries.has(`${prefix}users.json`)) {
    zip.close();
    return undefined;
  }
  const days = new Map<string, string[]>();
  for (const name of [...entries.keys()].sort()) {
    const parts = name.slice(prefix.length).split('/');
    if (!name.startsWith(prefix) || parts.length !== 2 || !DAY_FILE.test(parts[1] as string)) continue;
    const folder = parts[0] as string;
    const list = days.get(folder) ?? [];
    list.push(parts.join('/'));
    days.set(folder, list);
  }
  return {
    displayPath: (path) => `${file}/${prefix}${path}`,
    has: (path) => entries.has(`${prefix}${path}`),
    dayFiles: (folder) => days.get(folder) ?? [],
    async read(path) {
      const entry = entries.get(`${prefix}${path}`);
      if (!entry) throw new Error(`${path} is not in the zip`);
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new Error(`${path} is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MB`);
      return (await buffer(await zip.openReadStreamPromise(entry))).toString('utf8');
    },
    close: () => zip.close(),
  };
}
