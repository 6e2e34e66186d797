import { createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/**
 * Zips a folder the way Slack's export does (every file, paths relative to the folder, or under
 * `prefix` for a zip with an enclosing folder), so tests need no committed binaries.
 */
export async function zipFolder(folder: string, zipPath: string, prefix = ''): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const file of await filesUnder(folder)) zip.addFile(file, `${prefix}${relative(folder, file).split(sep).join('/')}`);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return zipPath;
}

async function filesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else files.push(path);
  }
  return files;
}
