import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

describe('driverdesk start with no chat tokens: the console', () => {
  const dir = tempDir();
  afterAll(dir.remove);

  it('ingests the bundled corpus on first run, then answers a scripted session', async () => {
    const session = ['Can I write a USB driver for iPhone with DriverKit?', '/similar UserSendCDB on UAS', '/help', '/quit', 'never read'].join('\n');
    const result = await runCli(['start'], { DRIVERDESK_DB: join(dir.path, 'db') }, session);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('ingesting the bundled corpus');
    expect(result.stderr).toMatch(/driverdesk ready: 20 threads/);
    expect(result.stderr).toContain('chat platforms: none configured');

    const [, afterQuestion] = result.stdout.split('> ');
    expect(afterQuestion).toContain('[1]');
    expect(afterQuestion).toMatch(/Sources:\n\s+\[1\] /);
    expect(afterQuestion).toContain('IOS alternatives to DriverKit');

    expect(result.stdout).toMatch(/1\. (limitations of UserSendCDB in SCSIPeripheralsDriverKit\?|Should UserSendCBD work on UAS interfaces\?)/);
    expect(result.stdout.match(/\/similar TEXT/g)?.length).toBe(2);
    expect(result.stdout.trimEnd().endsWith('bye')).toBe(true);
  });

  it('starts at once with an existing index and leaves on end of input', async () => {
    const result = await runCli(['start'], { DRIVERDESK_DB: join(dir.path, 'db') }, 'how do I block USB devices on macOS?\n');
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('ingesting');
    expect(result.stdout).toContain('Blocking USB Devices on macOS');
  });
});
