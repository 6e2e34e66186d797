import { describe, expect, it } from 'vitest';
import { DriverdeskError } from '../../../src/errors.js';
import { describeLanceError, isNotFound, lanceError } from '../../../src/store/lance-errors.js';

describe('lance-errors', () => {
  it('reduces a LanceDB error to one line without the Rust source location', () => {
    const raw = new Error(
      'lance error: Not found: /data/threads_ab.lance/data/0101.lance, /root/.cargo/registry/src/lance-io-10.0.0/src/local.rs:133:40\nstack backtrace:\n  0: …',
    );
    expect(describeLanceError(raw)).toBe('Not found: /data/threads_ab.lance/data/0101.lance');
    expect(isNotFound(raw)).toBe(true);
  });

  it('turns a commit conflict into a coded error that says what to do', () => {
    const raw = new Error('Retryable commit conflict for version 12: This Update transaction was preempted, /root/.cargo/lance-4.0.0/src/io/commit/conflict_resolver.rs:621:25');
    const error = lanceError('index_write_failed', 'writing chunks failed', './data/lancedb', raw);
    expect(error).toMatchObject({ code: 'index_write_failed' });
    expect(error.message).toBe('writing chunks failed at ./data/lancedb: another process changed the index at the same time; run the ingest again (it continues where this one stopped)');
    expect(error.cause).toBe(raw);
  });

  it('passes a DriverdeskError through unchanged', () => {
    const coded = new DriverdeskError({ code: 'index_locked', message: 'busy' });
    expect(lanceError('index_unavailable', 'reading', 'uri', coded)).toBe(coded);
  });
});
