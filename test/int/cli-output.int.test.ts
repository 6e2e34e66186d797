import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/chat/redact-secrets.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { bundledListing } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

const dir = tempDir();
const db = join(dir.path, 'db');
const model = new FakeOpenAiServer();
let modelEnv: Record<string, string>;
const SLACK_TOKEN = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const OPENAI_KEY = 'sk-proj-abcdefghijklmnop1234567890ABCDEFGH';
const DISCORD_BOT_TOKEN = 'MTAyNDk4NzY1NDMyMTAxMjM0NQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789';

beforeAll(async () => {
  expect((await runCli(['ingest', bundledListing], { DRIVERDESK_DB: db })).code).toBe(0);
  modelEnv = { DRIVERDESK_DB: db, LLM: 'openai', OPENAI_BASE_URL: await model.start(), OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'fake-model' };
  model.mode = { kind: 'answer', text: `<!channel> @everyone use this token ${SLACK_TOKEN} with key ${OPENAI_KEY} and ${DISCORD_BOT_TOKEN} [1].` };
});

afterAll(async () => {
  await model.stop();
  dir.remove();
});

describe('what the CLI prints carries no credential and no live mention', () => {
  it('ask --json: a model answer with <!channel> and token-shaped strings is defused and redacted', async () => {
    const result = await runCli(['ask', 'how do I block USB devices on macOS?', '--json'], modelEnv);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.mode).toBe('llm');
    expect(output.answer).toContain(REDACTED);
    for (const secret of [SLACK_TOKEN, OPENAI_KEY, DISCORD_BOT_TOKEN]) expect(result.stdout).not.toContain(secret);
    expect(output.answer).not.toMatch(/<!channel>|@everyone/);
  });

  it('the console: the same answer is printed redacted and defused', async () => {
    const result = await runCli(['start'], modelEnv, 'how do I block USB devices on macOS?\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(REDACTED);
    for (const secret of [SLACK_TOKEN, OPENAI_KEY, DISCORD_BOT_TOKEN]) expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toMatch(/<!channel>|@everyone/);
  });
});

describe('an unexpected error', () => {
  /** An index whose data files are gone: LanceDB fails mid-query with an error no code of ours names. */
  function brokenIndex(): string {
    const broken = join(dir.path, 'broken');
    rmSync(broken, { recursive: true, force: true });
    const copy = (from: string, to: string) => {
      for (const entry of readdirSync(from, { withFileTypes: true })) {
        const source = join(from, entry.name);
        const target = join(to, entry.name);
        if (entry.isDirectory()) copy(source, target);
        else if (!(from.endsWith('/data') && entry.name.endsWith('.lance'))) {
          // Everything but the tables' data files.
          mkdirSync(to, { recursive: true });
          copyFileSync(source, target);
        }
      }
    };
    copy(db, broken);
    return broken;
  }

  it('prints one line at the default log level, and its details only at LOG_LEVEL=debug', async () => {
    const broken = brokenIndex();
    const quiet = await runCli(['similar', 'usb driver', '--db', broken], { LOG_LEVEL: 'info' });
    expect(quiet.code).toBe(1);
    const lines = quiet.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^driverdesk: /);
    expect(quiet.stderr).not.toContain('"stack"');
    const verbose = await runCli(['similar', 'usb driver', '--db', broken], { LOG_LEVEL: 'debug' });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toContain('"stack"');
  });
});
