import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';

/** Every import specifier of every .ts file under a folder, with the file it comes from. */
function imports(folder: string): Array<{ file: string; specifier: string; typeOnly: boolean; target: string | undefined }> {
  const found: Array<{ file: string; specifier: string; typeOnly: boolean; target: string | undefined }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const pattern = /^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|import\('([^']+)'\)|^\s*import\s+'([^']+)'/gm;
        for (const match of text.matchAll(pattern)) {
          const specifier = (match[2] ?? match[3] ?? match[4]) as string;
          const target = specifier.startsWith('.') ? relative(projectRoot, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts') : undefined;
          found.push({ file: relative(projectRoot, path), specifier, typeOnly: Boolean(match[1]), target });
        }
      }
    }
  };
  walk(join(projectRoot, folder));
  return found;
}

/** Every .ts file under a folder, with its text. */
function sourceFiles(folder: string): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push([relative(projectRoot, path), readFileSync(path, 'utf8')]);
    }
  };
  walk(join(projectRoot, folder));
  return files;
}

const PLATFORM_SDKS = /^(discord\.js|@discordjs\/|@slack\/|@lancedb\/|@langchain\/(openai|anthropic|ollama))/;

describe('architecture', () => {
  it('sees the imports it checks (a guard against a parser that finds nothing)', () => {
    const engine = imports('src/engine');
    expect(engine.some((entry) => entry.specifier === '@langchain/core/embeddings' && entry.typeOnly)).toBe(true);
    expect(imports('src/adapters').some((entry) => entry.specifier === 'discord.js')).toBe(true);
  });

  it('the engine imports no platform, store or provider code; @langchain/core only as types', () => {
    for (const entry of imports('src/engine')) {
      expect(PLATFORM_SDKS.test(entry.specifier), `${entry.file} imports ${entry.specifier}`).toBe(false);
      if (entry.specifier.startsWith('@langchain/core')) expect(entry.typeOnly, `${entry.file}: ${entry.specifier}`).toBe(true);
      if (entry.target) {
        const allowed = /^src\/(engine|text|errors\.ts|config\/types\.ts)/.test(entry.target) || (entry.typeOnly && /^src\/store\/thread-index\.ts$/.test(entry.target));
        expect(allowed, `${entry.file} imports ${entry.target}`).toBe(true);
      }
    }
  });

  it('adapters reach the engine only through src/chat and the Answer types, never LanceDB or a model', () => {
    for (const entry of imports('src/adapters')) {
      const platform = entry.file.split('/')[2];
      if (!entry.target) {
        const own = platform === 'discord' ? /^discord\.js$/ : platform === 'slack' ? /^@slack\// : /^node:/;
        expect(own.test(entry.specifier) || entry.specifier.startsWith('node:'), `${entry.file} imports ${entry.specifier}`).toBe(true);
        continue;
      }
      const allowed =
        entry.target.startsWith(`src/adapters/${platform}/`) ||
        /^src\/(chat\/|engine\/answer\.ts|errors\.ts|logger\.ts|config\/types\.ts)/.test(entry.target);
      expect(allowed, `${entry.file} imports ${entry.target}`).toBe(true);
    }
  });

  it('only the store imports LanceDB, only models/ the LangChain providers, only each adapter its SDK', () => {
    const owners: Array<[RegExp, RegExp]> = [
      [/^@lancedb\//, /^src\/store\/lance-[a-z-]+\.ts$/],
      [/^@langchain\/(openai|anthropic|ollama)$/, /^src\/models\//],
      [/^discord\.js$/, /^src\/adapters\/discord\//],
      [/^@slack\//, /^src\/adapters\/slack\//],
    ];
    for (const entry of [...imports('src'), ...imports('ingest')]) {
      for (const [sdk, owner] of owners) {
        if (sdk.test(entry.specifier)) expect(owner.test(entry.file), `${entry.file} imports ${entry.specifier}`).toBe(true);
      }
    }
  });

  it('ingest/ reaches the index only through the WritableThreadIndex seam, never a concrete store', () => {
    const ingest = imports('ingest');
    expect(ingest.some((entry) => entry.target === 'src/store/thread-index.ts')).toBe(true);
    for (const entry of ingest) {
      if (entry.target?.startsWith('src/store/')) {
        expect(entry.target === 'src/store/thread-index.ts' && entry.typeOnly, `${entry.file} imports ${entry.target}`).toBe(true);
      }
    }
  });

  it('ThreadIndex is what the engine calls: every method of the seam is used in src/engine', () => {
    const seam = readFileSync(join(projectRoot, 'src/store/thread-index.ts'), 'utf8');
    const body = /export interface ThreadIndex \{([\s\S]*?)\n\}/.exec(seam)?.[1] ?? '';
    const methods = [...body.matchAll(/^\s+(\w+)\(/gm)].map((match) => match[1] as string);
    expect(methods.length).toBeGreaterThan(0);
    const engine = imports('src/engine')
      .map((entry) => entry.file)
      .filter((file, index, files) => files.indexOf(file) === index)
      .map((file) => readFileSync(join(projectRoot, file), 'utf8'))
      .join('\n');
    for (const method of methods) expect(engine.includes(`.${method}(`), `ThreadIndex.${method} is never called by the engine`).toBe(true);
  });

  it('src/ never imports ingest/, except the composition root, the CLI and the public API', () => {
    for (const entry of imports('src')) {
      if (entry.target?.startsWith('ingest/')) {
        const allowed =
          ['src/compose.ts', 'src/index.ts'].includes(entry.file) ||
          (entry.file.startsWith('src/cli/') && entry.typeOnly) ||
          // Learning builds ThreadRecords, the contract type; it ingests only through what compose.ts hands it.
          (entry.file.startsWith('src/learn/') && entry.typeOnly && entry.target === 'ingest/thread-record.ts');
        expect(allowed, `${entry.file} imports ${entry.target}`).toBe(true);
      }
    }
  });

  it('no adapter keeps per-answer state of its own: answers live in the one answer memory, button ids come from the codec', () => {
    /** Long-lived maps (RecentMap) an adapter may keep: none of them about answers (event ids Slack redelivers). */
    const allowedRecentMaps = new Set(['seenEvents']);
    const perAnswer = /answer|draft|question|repl|lookup|vote|cited|share/i;
    const files = sourceFiles('src/adapters');
    expect(files.length).toBeGreaterThan(4);
    for (const [file, text] of files) {
      for (const match of text.matchAll(/(\w+)\s*=\s*new\s+(RecentMap|Map|WeakMap|Collection)\b(<[^>]*>)?/g)) {
        const [, name, kind, types = ''] = match as unknown as [string, string, string, string | undefined];
        if (kind === 'RecentMap') expect(allowedRecentMaps.has(name), `${file} keeps a RecentMap "${name}"`).toBe(true);
        expect(perAnswer.test(name) || perAnswer.test(types), `${file} keeps per-answer state in "${name}"`).toBe(false);
      }
      expect(/\.split\(\s*['"]:['"]\s*\)/.test(text), `${file} takes an id apart with split(':'): use decodeAction`).toBe(false);
      expect(/['"`]dd:/.test(text), `${file} builds a button id by hand: use encodeAction`).toBe(false);
    }
  });

  it('only the composition root builds concrete implementations: commands ask compose.ts for them', () => {
    const concrete = /^src\/(store\/lance-|models\/create-|engine\/draft\/(llm|extractive)-drafter|feedback\/)/;
    for (const entry of imports('src/cli')) {
      if (entry.target && !entry.typeOnly) expect(concrete.test(entry.target), `${entry.file} imports ${entry.target}`).toBe(false);
    }
  });
});
