import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundled listing always; the shared threads when ../shared is there. */
export function benchPaths(): { listing: string; threads: string | undefined } {
  const threads = join(projectRoot, '..', 'shared', 'corpus', 'apple-forums-threads.jsonl');
  return {
    listing: join(projectRoot, 'ingest', 'corpus', 'apple-forums-drivers-listing.txt'),
    threads: existsSync(threads) ? threads : undefined,
  };
}
