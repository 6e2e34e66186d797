import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, readSourceFile } from '../../../ingest/read-sources.js';
import type { ReadResult } from '../../../ingest/read-result.js';
import { fixturesDir } from '../../helpers/paths.js';
import { tempDir } from '../../helpers/temp-db.js';

const bad = join(fixturesDir, 'bad');

async function readAll(file: string): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readSourceFile(file)) results.push(result);
  return results;
}

describe('readSourceFile', () => {
  it('reads the good lines of a JSONL file and reports each bad one with its line', async () => {
    const file = join(bad, 'mixed.jsonl');
    const results = await readAll(file);
    const ok = results.filter((result) => result.success);
    const skipped = results.filter((result) => !result.success);
    expect(ok.map((result) => result.success && result.value.id)).toEqual(['t1', 't4']);
    expect(skipped.map((result) => [result.line, !result.success && result.error])).toEqual([
      [2, expect.stringMatching(/^invalid JSON/)],
      [3, 'missing required field "title"'],
      [6, 'expected a JSON object per line'],
      [7, expect.stringContaining('"title" is empty')],
    ]);
    expect(skipped.every((result) => result.file === file)).toBe(true);
  });

  it('normalises answers given as strings and keeps unknown fields as metadata', async () => {
    const [, t4] = (await readAll(join(bad, 'mixed.jsonl'))).filter((result) => result.success);
    expect(t4?.success && t4.value).toMatchObject({
      answers: [{ text: 'Re-register the port in SetPowerState.' }],
      metadata: { extra_field: { kept: true } },
      source: 'mixed.jsonl',
      url: null,
    });
  });

  it.each([
    ['empty.jsonl', 'empty file'],
    ['binary.dat', 'binary file'],
    ['notes.txt', 'unknown format'],
  ])('skips %s as "%s"', async (name, reason) => {
    const results = await readAll(join(bad, name));
    expect(results).toEqual([expect.objectContaining({ success: false, error: expect.stringContaining(reason) })]);
  });

  it('turns a Markdown file into one record titled by its first heading', async () => {
    const [result] = await readAll(join(bad, 'guide.md'));
    expect(result?.success && result.value).toMatchObject({ id: 'guide', title: 'Matching a USB interface', question: expect.stringContaining('IOUSBHostInterface') });
  });
});

describe('listFiles', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('reports a missing path and an unreadable (dangling) file instead of failing', async () => {
    const dangling = join(dir.path, 'gone.jsonl');
    symlinkSync(join(dir.path, 'nowhere.jsonl'), dangling);
    const listed = [];
    for await (const entry of listFiles([join(dir.path, 'missing.jsonl')])) listed.push(entry);
    expect(listed).toEqual([{ file: join(dir.path, 'missing.jsonl'), error: 'no such file or folder' }]);
    const results = [];
    for await (const result of readSourceFile(dangling)) results.push(result);
    expect(results).toEqual([expect.objectContaining({ success: false, error: expect.stringContaining('cannot read file') })]);
  });

  it('walks folders in name order, skipping hidden entries', async () => {
    const files = [];
    for await (const entry of listFiles([bad])) files.push(entry.file.slice(bad.length + 1));
    expect(files).toEqual(['binary.dat', 'empty.jsonl', 'guide.md', 'mixed.jsonl', 'notes.txt']);
  });
});
