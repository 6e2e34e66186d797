import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tests) or dist/src/ (bin). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** The corpus shipped with driverdesk, ingested when no path is given. */
export function bundledCorpusDir(): string {
  return join(packageRoot(), 'ingest', 'corpus');
}

export function bundledPromptsDir(): string {
  return join(packageRoot(), 'prompts');
}
