import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { DriverdeskError } from '../errors.js';

/** The run holding the lock, as it wrote itself down. */
interface WriterInfo {
  pid: number;
  host: string;
  started: string;
  command: string;
  /** Creation time of the lock directory this run made: ties the note to that lock. */
  lockBirth: number;
}

/**
 * A lock whose holder stopped touching it for this long is stale (a crashed writer on another
 * host, or one whose pid was reused). The holder touches it every UPDATE_MS; a long synchronous
 * step (embedding a batch) must stay well under STALE_MS.
 */
const STALE_MS = 60_000;
const UPDATE_MS = 10_000;
/** How often a waiting writer looks again. */
const POLL_MS = 250;

/** A held writer lock. */
export interface IndexWriterLock {
  /** Throws when the lock was lost (another process took it as stale): stop writing. */
  check(): void;
  release(): Promise<void>;
}

/**
 * One writer at a time per index folder: a lock directory made atomically with mkdir
 * (proper-lockfile), kept fresh while held, plus a note saying who holds it. A crashed writer
 * does not block for ever: on the same host its dead pid frees the lock at once; elsewhere the
 * lock goes stale after STALE_MS without a touch.
 */
export async function acquireIndexWriterLock(
  folder: string,
  options: { waitMs?: number; onWait?: (holder: string) => void } = {},
): Promise<IndexWriterLock> {
  await mkdir(folder, { recursive: true });
  const target = join(folder, '.driverdesk-writer');
  const lockPath = `${target}.lock`;
  const notePath = `${target}.json`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  let lost: Error | undefined;
  let announced = false;
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        realpath: false,
        stale: STALE_MS,
        update: UPDATE_MS,
        onCompromised: (error) => {
          lost = error;
        },
      });
      const note: WriterInfo = {
        pid: process.pid,
        host: hostname(),
        started: new Date().toISOString(),
        command: process.argv.slice(1).join(' ').slice(0, 200),
        lockBirth: (await stat(lockPath)).birthtimeMs,
      };
      await writeNote(notePath, note);
      return {
        check() {
          if (lost) {
            throw new DriverdeskError({
              code: 'index_locked',
              message: `lost the writer lock on ${folder} (${lost.message}); another run may be writing: run the ingest again`,
              cause: lost,
            });
          }
        },
        async release() {
          // Only our own note: after a lost lock the note is the new holder's.
          const current = await readFile(notePath, 'utf8').catch(() => '');
          if (current === JSON.stringify(note)) await rm(notePath, { force: true });
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new DriverdeskError({
          code: 'index_unavailable',
          message: `cannot lock the index at ${folder} for writing: ${(error as Error).message}`,
          cause: error,
        });
      }
      const holder = await readNote(notePath, lockPath);
      if (holder?.dead) {
        // Marking the lock old makes proper-lockfile replace it as stale on the next try. If a
        // third run took it meanwhile, that run learns it lost the lock before its next commit.
        await utimes(lockPath, new Date(0), new Date(0)).catch(() => undefined);
        continue;
      }
      const who = holder ? describe(holder.info) : 'another run (it has not said who it is yet)';
      if (Date.now() >= deadline) {
        throw new DriverdeskError({
          code: 'index_locked',
          message: `another ingest is writing to ${folder}: ${who}; wait for it to finish (or stop it), then run this again`,
          details: { folder, ...(holder && { pid: holder.info.pid, host: holder.info.host }) },
        });
      }
      if (!announced) options.onWait?.(who);
      announced = true;
      await delay(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
    }
  }
}

function describe(info: WriterInfo): string {
  return `pid ${info.pid} on ${info.host}, started ${info.started} (${info.command || 'driverdesk'})`;
}

/** Written whole or not at all, so a reader never sees half a note. */
async function writeNote(path: string, note: WriterInfo): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(note));
  await rename(temporary, path);
}

/**
 * The holder's note, if it belongs to the current lock directory, and whether that holder is
 * known to be dead (same host, no such process).
 */
async function readNote(notePath: string, lockPath: string): Promise<{ info: WriterInfo; dead: boolean } | undefined> {
  try {
    const info = JSON.parse(await readFile(notePath, 'utf8')) as WriterInfo;
    const lock = await stat(lockPath);
    // A note left by an earlier holder (or not yet replaced by the new one) says nothing about this lock.
    if (!lock.birthtimeMs || info.lockBirth !== lock.birthtimeMs) return undefined;
    return { info, dead: info.host === hostname() && !isRunning(info.pid) };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
