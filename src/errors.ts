/**
 * One error base for everything driverdesk throws on purpose. `code` says what
 * went wrong in a way callers can branch on; `userMessage()` is the one line a
 * person sees. The stack and cause go to the log only, never to a user.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'ingest_nothing_ingested'
  | 'index_missing'
  | 'index_embedder_mismatch'
  | 'index_schema_outdated'
  | 'index_unavailable'
  | 'index_locked'
  | 'index_write_failed'
  | 'eval_file_invalid'
  | 'prompt_invalid'
  | 'model_unavailable'
  | 'platform_unavailable'
  | 'internal';

export type ErrorDetails = Record<string, string | number | boolean | undefined>;

const MARKER = Symbol.for('driverdesk.error');

export class DriverdeskError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly [MARKER] = true;

  constructor(options: { code: ErrorCode; message: string; cause?: unknown; details?: ErrorDetails }) {
    super(options.message, { cause: options.cause });
    this.name = `DriverdeskError[${options.code}]`;
    this.code = options.code;
    this.details = options.details ?? {};
  }

  /** Works across duplicate copies of this module (the marker is a global symbol). */
  static isInstance(value: unknown): value is DriverdeskError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Configuration problems are collected and reported together, one per line. */
export class ConfigError extends DriverdeskError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super({ code: 'config_invalid', message: problems.join('\n'), details: { count: problems.length } });
    this.problems = problems;
  }
}

/** Short texts for chat users; never the internal message, which may name paths or hosts. */
const chatMessages: Partial<Record<ErrorCode, string>> = {
  index_missing: 'The knowledge base is not ready yet; an admin needs to run `driverdesk ingest`.',
  index_embedder_mismatch: 'The knowledge base was built with another embedder; an admin needs to run `driverdesk ingest --rebuild`.',
  index_schema_outdated: 'The knowledge base was built by an older version of driverdesk; an admin needs to run `driverdesk ingest --rebuild`.',
  index_unavailable: 'The knowledge base is unavailable right now. Please try again in a minute.',
  index_locked: 'The knowledge base is being updated right now. Please try again in a few minutes.',
  index_write_failed: 'The knowledge base could not be updated right now. Please try again in a minute.',
};

/** The text a chat user sees for any error: specific where it helps, a plain apology otherwise. */
export function chatMessageFor(error: unknown): string {
  if (DriverdeskError.isInstance(error)) {
    const text = chatMessages[error.code];
    if (text) return text;
  }
  return 'Sorry, something went wrong while answering. The maintainers have the details in the log.';
}

