import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledListing, devQuestions, sharedThreads } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

const dir = tempDir();
const db = join(dir.path, 'db');
const env = { DRIVERDESK_DB: db };

beforeAll(async () => {
  const result = await runCli(['ingest', sharedThreads, bundledListing], env);
  expect(result.code).toBe(0);
});
afterAll(dir.remove);

describe('driverdesk similar', () => {
  it('--json prints exactly the DESIGN.md object, best first', async () => {
    const result = await runCli(['similar', 'Can I write a USB driver for iPhone with DriverKit?', '--json', '-k', '3'], env);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['query', 'results']);
    expect(output.query).toBe('Can I write a USB driver for iPhone with DriverKit?');
    expect(output.results).toHaveLength(3);
    for (const item of output.results) {
      expect(Object.keys(item)).toEqual(['id', 'title', 'url', 'score', 'snippet']);
      expect(typeof item.id).toBe('string');
      expect(item.url === null || typeof item.url === 'string').toBe(true);
      expect(typeof item.score).toBe('number');
    }
  });

  it('reports the ids JSONL records were given, so labels match', async () => {
    const output = JSON.parse((await runCli(['similar', 'IOServiceOpen gives me 0xE00002BC even though the dext matched', '--json'], env)).stdout);
    expect(output.results[0].id).toBe('825971');
    expect(output.results[0].url).toBe('https://developer.apple.com/forums/thread/825971');
  });
});

describe('driverdesk ask', () => {
  it('--json prints exactly the DESIGN.md object', async () => {
    const result = await runCli(['ask', 'how do I block usb storage devices on macs now that kexts are deprecated?', '--json'], env);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['question', 'answer', 'mode', 'confidence', 'citations', 'similar']);
    expect(output.mode).toBe('extractive');
    expect(output.citations.length).toBeGreaterThan(0);
    expect(Object.keys(output.citations[0])).toEqual(['id', 'title', 'url']);
    expect(output.answer).toMatch(/\[1\]/);
  });

  it('exits 0 with mode no-match for an off-topic question', async () => {
    const result = await runCli(['ask', 'how do I bake sourdough bread at home?', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'no-match', citations: [] });
  });
});

describe('driverdesk eval', () => {
  it('prints recall@1, recall@5 and MRR', async () => {
    const result = await runCli(['eval', devQuestions], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/recall@1 \d\.\d{3}\s+recall@5 \d\.\d{3}\s+MRR \d\.\d{3}/);
  });

  it('names the file and line of a bad label file, exit 1, no stack trace', async () => {
    const file = join(dir.path, 'labels.jsonl');
    writeFileSync(file, '{"question": "ok", "relevant": ["1"]}\n{"question": 5}\n');
    const result = await runCli(['eval', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`driverdesk: ${file}:2: question: Invalid input: expected string, received number`);
  });
});

describe('errors and exit codes', () => {
  it('a missing index is exit 1 with one line saying to ingest', async () => {
    const result = await runCli(['similar', 'anything'], { DRIVERDESK_DB: join(dir.path, 'nothing-here') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('driverdesk ingest');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['similar', 'x', '-k', 'lots']],
    [['similar']],
    [['frobnicate']],
    [['similar', 'x', '--mode', 'psychic']],
  ])('bad usage %j exits 2', async (args) => {
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error/);
  });

  it('a bad variable stops with its name, exit 1', async () => {
    const result = await runCli(['similar', 'x'], { ...env, EMBEDDINGS: 'magic', SLACK_PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EMBEDDINGS must be one of offline, openai, ollama, got "magic"');
    expect(result.stderr).toContain('SLACK_PORT must be a positive whole number, got "eighty"');
  });

  it('ingest of nothing usable exits 1 and names what was skipped', async () => {
    const empty = join(dir.path, 'empty.jsonl');
    writeFileSync(empty, '');
    const result = await runCli(['ingest', empty], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`skipped ${empty}: empty file`);
    expect(result.stderr).toContain('nothing could be ingested');
  });
});

describe('driverdesk start with a chat platform that cannot start', () => {
  it('stops with one line naming what to check, and never prints the token', async () => {
    const result = await runCli(['start'], { ...env, DISCORD_TOKEN: 'secret-token-value', DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^driverdesk: cannot start the Discord bot \(check DISCORD_TOKEN/);
    expect(result.stderr + result.stdout).not.toContain('secret-token-value');
  });
});
