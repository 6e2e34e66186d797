import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli-process.js';
import { binPath, bundledListing } from '../helpers/paths.js';
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

describe('the console reads a multi-line paste as one question', () => {
  const dir = tempDir();
  const env = { DRIVERDESK_DB: join(dir.path, 'db') };
  // A device no post of the bundled listing is about, so the reply is "no close match" and shows what was searched for.
  const panic = [
    'My Mac panics when I unplug the label printer:',
    'panic(cpu 0 caller 0xffffff8011e8a5cd): Kernel trap at 0xffffff7f94b2c3d1, type 14=page fault, registers:',
    'CR0: 0x0000000080010033, CR2: 0x0000000000000028, CR3: 0x000000002a8c5000, CR4: 0x00000000003627e0',
    'Backtrace (CPU 0), Frame : Return Address',
    '0xffffffa0b28e3620 : 0xffffff8011d1a65d mach_kernel : _handle_debugger_trap + 0x49d',
    '      Kernel Extensions in backtrace:',
    '         com.example.label.LabelPrinter(2.4.1)[3F1A2B3C-4D5E-6F70-8192-A3B4C5D6E7F8]@0xffffff7f94b28000->0xffffff7f94b34fff',
    'BSD process name corresponding to current thread: kernel_task',
  ];
  beforeAll(async () => {
    expect((await runCli(['ingest', bundledListing], env)).code).toBe(0);
  });
  afterAll(dir.remove);

  /** Prompts printed: one at the start, then one after each answered item. */
  const prompts = (stdout: string) => (stdout.match(/\n> /g) ?? []).length;
  /** Replies printed: each lists its sources or its nearest threads once. */
  const replies = (stdout: string) => (stdout.match(/^(?:Sources|Nearest threads):$/gm) ?? []).length;

  it('piped: lines arriving together are one question, searched on the panic and not its addresses', async () => {
    const chat = startCli(['start'], env);
    await chat.waitForStdout(/\n> /);
    chat.child.stdin.write(`${panic.join('\n')}\n`);
    await chat.waitForStdout(/\n> [\s\S]*\n> /);
    chat.child.stdin.end('/quit\n');
    expect(await chat.exited).toBe(0);
    expect(prompts(chat.stdout())).toBe(2);
    expect(replies(chat.stdout())).toBe(1);
    expect(chat.stdout()).toMatch(/searched for: [^)]*page fault[^)]*labelprinter/i);
    expect(chat.stdout()).not.toMatch(/IOReturn\.h|0xffffff/);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('in a terminal: a bracketed paste is one question, sent with Enter', async () => {
    // util-linux `script` runs the console on a real pseudo-terminal.
    const tty = spawn('script', ['-qfec', `${process.execPath} ${binPath} start`, '/dev/null'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', TERM: 'xterm', ...env } });
    let stdout = '';
    const checks = new Set<() => void>();
    tty.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      for (const check of [...checks]) check();
    });
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      });
    const exited = new Promise((resolve) => tty.on('exit', resolve));
    await seen(/\u001b\[\?2004h[\s\S]*\n> /);
    tty.stdin.write(`\u001b[200~${panic.join('\n')}\u001b[201~`);
    tty.stdin.write('\r');
    await seen(/\n> [\s\S]*\n> /);
    tty.stdin.write('/quit\r');
    await exited;
    // readline redraws the prompt while a paste is typed in, so replies are counted, not prompts.
    expect(replies(stdout.replace(/\r\n/g, '\n')), stdout).toBe(1);
    expect(stdout).toMatch(/searched for: [^)]*labelprinter/i);
    expect(stdout).toContain('\u001b[?2004l');
  });
});
