import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadOptions, ReadResult } from '../../../../ingest/read-result.js';
import { readSourceFile } from '../../../../ingest/read-sources.js';
import { parseTags, stackExchangeSite } from '../../../../ingest/readers/stackexchange-posts.js';
import { fixturesDir } from '../../../helpers/paths.js';
import { tempDir } from '../../../helpers/temp-db.js';

const posts = join(fixturesDir, 'exports', 'stackexchange', 'superuser.com', 'Posts.xml');

async function readAll(file: string, options: ReadOptions = {}): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readSourceFile(file, options)) results.push(result);
  return results;
}
const records = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [result.value] : []));
const problems = (results: ReadResult[]) => results.flatMap((result) => (result.success ? [] : [`${result.line}: ${result.error}`]));

describe('Stack Exchange Posts.xml', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('emits each question as soon as its last answer is read, so one answered late is emitted late', async () => {
    // Question 1's last answer (id 9) comes after question 8: it is held open until then, no longer.
    expect(records(await readAll(posts)).map((thread) => thread.id)).toEqual(['3', '8', '1']);
  });

  it('puts the accepted answer first, then the others by score, and keeps the counters and link', async () => {
    const usb = records(await readAll(posts)).find((thread) => thread.id === '1');
    expect(usb).toMatchObject({
      source: 'superuser.com',
      title: 'USB serial adapter fails with Code 10 on USB 3.0 ports',
      url: 'https://superuser.com/q/1',
      tags: ['usb', 'drivers', 'device-manager'],
      replies: 3,
      boosts: 14,
      views: 25310,
      activity: '2019-08-01T09:00:00.000',
    });
    expect(usb?.answers.map((answer) => [answer.text.slice(0, 30), answer.accepted ?? false])).toEqual([
      ['Disable USB selective suspend ', true],
      ['On Intel 7-series boards this ', false],
      ['Try a powered USB 2.0 hub betw', false],
    ]);
  });

  it('decodes the entity-encoded HTML into readable text with links and fenced code', async () => {
    const [kmdf] = records(await readAll(posts));
    expect(kmdf?.tags).toEqual(['windows', 'drivers', 'kmdf']);
    expect(kmdf?.question).toBe(
      [
        'I am writing a KMDF driver and `WdfDeviceCreate` fails with `STATUS_INVALID_DEVICE_STATE`. My `EvtDeviceAdd`:',
        '',
        '```',
        'NTSTATUS EvtDeviceAdd(WDFDRIVER driver, PWDFDEVICE_INIT init) {',
        '    WDFDEVICE device;',
        '    if (init == NULL && driver != NULL) {',
        '        return STATUS_INVALID_PARAMETER;',
        '    }',
        '    return WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);',
        '}',
        '```',
        '',
        'What state is it complaining about? Compare: `a < b`.',
      ].join('\n'),
    );
    const usb = records(await readAll(posts)).find((thread) => thread.id === '1');
    expect(usb?.question).toContain('shows "This device cannot start. (Code 10)" in Device Manager');
    expect(usb?.answers[0]?.text).toContain('See the VCP driver page (https://ftdichip.com/drivers/vcp-drivers/).');
  });

  it('reports a malformed row and the answers it orphans by line, and ignores tag wikis', async () => {
    expect(problems(await readAll(posts))).toEqual(['9: post 7: no Title', '12: answer 10: its question 7 is missing, skipped, or comes after it']);
    const lines = readFileSync(posts, 'utf8').split('\n');
    expect(lines[8]).toContain('<row Id="7"');
    expect(lines[11]).toContain('<row Id="10"');
  });

  it('keeps what was read before broken XML and reports where it broke', async () => {
    const folder = join(dir.path, 'superuser.com');
    mkdirSync(folder);
    const broken = join(folder, 'Posts.xml');
    const lines = readFileSync(posts, 'utf8').split('\n');
    writeFileSync(broken, [...lines.slice(0, 7), '  <row Id="11" PostTypeId="1" Title="cut" <row Id="12" />', ...lines.slice(7)].join('\n'));
    const results = await readAll(broken);
    expect(problems(results)).toEqual([expect.stringMatching(/^8: invalid XML: \S/)]);
    // Neither pass reads past the break, so question 1 ends with the answers before it (not the late id 9).
    expect(records(results).map((thread) => [thread.id, thread.answers.length])).toEqual([
      ['1', 2],
      ['3', 1],
    ]);
  });

  it('takes the site from the folder, a DOMAIN-Posts.xml name or --site, and otherwise says how to give it', async () => {
    const loose = join(dir.path, 'Posts.xml');
    copyFileSync(posts, loose);
    expect(problems(await readAll(loose))).toEqual([expect.stringContaining('0: cannot tell which Stack Exchange site this Posts.xml is from')]);
    expect(records(await readAll(loose, { site: 'electronics.stackexchange.com' }))[0]?.url).toBe('https://electronics.stackexchange.com/q/3');
    expect(stackExchangeSite('/dumps/superuser.com/Posts.xml', 'other.com')).toBe('superuser.com');
    expect(stackExchangeSite('/dumps/stackoverflow.com-Posts.xml', undefined)).toBe('stackoverflow.com');
    expect(stackExchangeSite('/dumps/2024/Posts.xml', undefined)).toBeUndefined();
  });

  it('reads only Posts.xml of a dump folder, and says so for the other files', async () => {
    const users = join(dir.path, 'Users.xml');
    writeFileSync(users, '<?xml version="1.0" encoding="utf-8"?>\n<users>\n  <row Id="-1" DisplayName="Community" />\n</users>\n');
    expect(problems(await readAll(users))).toEqual(["0: XML whose root is <users>: only a Stack Exchange dump's Posts.xml is read"]);
  });

  it.each([
    ['<usb><drivers><device-manager>', ['usb', 'drivers', 'device-manager']],
    ['|windows|kmdf|', ['windows', 'kmdf']],
    ['', []],
  ])('parses the tags %s', (tags, expected) => {
    expect(parseTags(tags)).toEqual(expected);
  });
});
