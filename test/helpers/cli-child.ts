import { type ChildProcess, spawn } from 'node:child_process';
import { binPath, projectRoot } from './paths.js';

/**
 * The real `driverdesk` bin as a child process the test can watch and signal: wait for a line
 * it prints, freeze it (SIGSTOP) at a known point, kill it, or wait for its exit.
 */
export class CliChild {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly watchers: Array<() => void> = [];

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [binPath, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (data: Buffer) => {
      this.stdout += data.toString();
    });
    this.child.stderr?.on('data', (data: Buffer) => {
      this.stderr += data.toString();
      for (const watcher of [...this.watchers]) watcher();
    });
    this.exit = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Resolves when stderr matches; rejects if the process exits first. */
  waitForStderr(pattern: RegExp): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(this.stderr)) return;
        this.watchers.splice(this.watchers.indexOf(check), 1);
        resolve();
      };
      this.watchers.push(check);
      check();
      void this.exit.then(({ code, signal }) => reject(new Error(`exited (${code ?? signal}) before printing ${pattern}: ${this.stderr.slice(-500)}`)));
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit;
  }
}
