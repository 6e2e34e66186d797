import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { binPath, projectRoot } from './paths.js';

/** A running `driverdesk` process whose output can be waited on. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr matches `pattern` (rejects if the process exits first). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when stdout matches `pattern` (rejects if the process exits first). */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<number | string>;
}

/** Starts the built `driverdesk` bin with a clean environment plus `env`, as runCli does, but leaves it running. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<() => void> = [];
  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
    notify();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    notify();
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    notify();
  });
  const waitFor = (read: () => string, pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      const check = () => {
        const match = read().match(pattern);
        if (match) finish(undefined, match);
        else if (hasExited) finish(new Error(`the process exited before ${pattern}; stderr: ${stderr.slice(-2000)}`));
      };
      const finish = (error?: Error, match?: RegExpMatchArray) => {
        clearTimeout(timer);
        const index = watchers.indexOf(check);
        if (index >= 0) watchers.splice(index, 1);
        if (error) reject(error);
        else resolve(match as RegExpMatchArray);
      };
      watchers.push(check);
      check();
    });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern, timeoutMs = 30_000) => waitFor(() => stderr, pattern, timeoutMs),
    waitForStdout: (pattern, timeoutMs = 30_000) => waitFor(() => stdout, pattern, timeoutMs),
    exited,
    stop: () => {
      if (!hasExited) child.kill('SIGTERM');
      return exited;
    },
  };
}
