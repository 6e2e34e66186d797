import * as lancedb from '@lancedb/lancedb';
import { DriverdeskError, type ErrorCode } from '../errors.js';

/**
 * LanceDB's errors are long, multi-line and end in a Rust source location
 * (`…, /root/.cargo/…/conflict_resolver.rs:621:25`): one readable line for people.
 */
export function describeLanceError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? message;
  return firstLine
    .replace(/,?\s*\/\S+\.rs:\d+(:\d+)?/g, '')
    .replace(/^lance error:\s*/i, '')
    .trim();
}

/** A table or file the index names is gone: a rebuild dropped it, or another process did. */
export function isNotFound(error: unknown): boolean {
  return /not found|does not exist|no such file/i.test(error instanceof Error ? error.message : String(error));
}

/** Two writers committed at once and LanceDB gave up resolving it. */
function isCommitConflict(error: unknown): boolean {
  return /commit conflict|conflict_resolver|retryable/i.test(error instanceof Error ? error.message : String(error));
}

/** Wraps a LanceDB failure in a coded error; DriverdeskErrors pass through unchanged. */
export function lanceError(code: ErrorCode, what: string, uri: string, error: unknown): DriverdeskError {
  if (DriverdeskError.isInstance(error)) return error;
  const message = isCommitConflict(error)
    ? `${what} at ${uri}: another process changed the index at the same time; run the ingest again (it continues where this one stopped)`
    : `${what} at ${uri}: ${describeLanceError(error)}`;
  return new DriverdeskError({ code, message, cause: error, details: { uri } });
}

/** Runs one LanceDB operation; a failure becomes a coded one-line error. */
export async function guarded<T>(code: ErrorCode, what: string, uri: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw lanceError(code, what, uri, error);
  }
}

/**
 * Connects to an index. `refreshSeconds` is LanceDB's read consistency interval: a table handle
 * re-checks for commits made by other handles and processes at most that often (0: every read).
 */
export async function connect(uri: string, refreshSeconds?: number): Promise<lancedb.Connection> {
  return guarded('index_unavailable', 'cannot open the index', uri, () =>
    lancedb.connect(uri, refreshSeconds === undefined ? {} : { readConsistencyInterval: refreshSeconds }),
  );
}
