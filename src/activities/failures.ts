/**
 * Collector and sink errors → Temporal failures. The collectors stay free of Temporal; here a
 * PermanentError becomes non-retryable, a RateLimitedError waits exactly until the limit resets,
 * and every message is redacted (it is recorded in history and shown in the Web UI).
 */
import { ApplicationFailure } from '@temporalio/common';
import { PermanentError, RateLimitedError } from '../errors';
import { redact } from '../util/redact';

export function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof PermanentError) {
    return ApplicationFailure.create({
      message: redact(err.message),
      type: 'PermanentError',
      nonRetryable: true,
    });
  }
  if (err instanceof RateLimitedError) {
    return ApplicationFailure.create({
      message: redact(err.message),
      type: 'RateLimited',
      nextRetryDelay: Math.max(1, err.retryAfterMs),
    });
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return ApplicationFailure.create({ message: redact(e.message), type: e.name || 'Error' });
}

/** Runs `fn`, rethrowing any error as a Temporal failure. */
export async function asActivity<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toFailure(err);
  }
}
