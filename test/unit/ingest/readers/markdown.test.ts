import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../../../../ingest/read-result.js';
import { listFiles, readSourceFile } from '../../../../ingest/read-sources.js';
import { tempDir } from '../../../helpers/temp-db.js';

async function readPaths(paths: string[]): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const entry of listFiles(paths)) {
    for await (const result of readSourceFile(entry.file, { root: entry.root })) results.push(result);
  }
  return results;
}
const ids = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [result.value.id] : []));

describe('Markdown ids', () => {
  const dir = tempDir();
  const docs = join(dir.path, 'docs');
  beforeAll(() => {
    for (const folder of ['guides/usb', 'guides/pcie']) mkdirSync(join(docs, folder), { recursive: true });
    writeFileSync(join(docs, 'guides', 'usb', 'README.md'), '# USB\n\nMatch IOUSBHostInterface.\n');
    writeFileSync(join(docs, 'guides', 'pcie', 'README.md'), '# PCIe\n\nMatch IOPCIDevice.\n');
    writeFileSync(join(docs, 'index.md'), '# Index\n\nStart here.\n');
  });
  afterAll(dir.remove);

  it('come from the path inside the ingested folder, so two README.md in different folders stay apart', async () => {
    expect(ids(await readPaths([docs]))).toEqual(['guides/pcie/README', 'guides/usb/README', 'index']);
  });

  it('are the base name for a file given directly, as before', async () => {
    expect(ids(await readPaths([join(docs, 'guides', 'usb', 'README.md')]))).toEqual(['README']);
  });
});
