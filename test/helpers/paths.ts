import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared beside the project (CI has it). */
export const sharedDir = join(projectRoot, '..', 'shared');
export const sharedThreads = join(sharedDir, 'corpus', 'apple-forums-threads.jsonl');
export const sharedListing = join(sharedDir, 'corpus', 'apple-forums-drivers-listing.txt');
export const devQuestions = join(sharedDir, 'eval', 'dev-questions.jsonl');
export const bundledListing = join(projectRoot, 'ingest', 'corpus', 'apple-forums-drivers-listing.txt');
export const fixturesDir = join(projectRoot, 'test', 'fixtures');
export const binPath = join(projectRoot, 'bin', 'driverdesk.js');
