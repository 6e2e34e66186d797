import type { Logger } from '../logger.js';

/** How long a reaction, typing indicator or other side call may take before it is abandoned. */
export const SIDE_CALL_TIMEOUT_MS = 5000;

/**
 * Starts a side call (a 👀 reaction, a typing indicator) and does not wait for it: the answer
 * never waits on a side call, and a side call that fails or hangs is abandoned after
 * SIDE_CALL_TIMEOUT_MS and logged, never thrown. `call` gets a signal to pass to its request.
 */
export function fireAndForget(what: string, call: (signal: AbortSignal) => Promise<unknown>, logger: Logger): void {
  const signal = AbortSignal.timeout(SIDE_CALL_TIMEOUT_MS);
  Promise.resolve()
    .then(() => call(signal))
    .catch((error: unknown) => logger.warn({ err: error, call: what }, `side call failed: ${what}`));
}
