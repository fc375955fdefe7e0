/**
 * Errors that say how to retry: a collector, the secrets resolver, the config and the sink all throw them. They carry no Temporal types:
 * the activity layer maps them to ApplicationFailure, the CLI to messages and exit codes.
 */

/** No retry can fix it (bad credentials, unknown repo, invalid options). The message says what to change. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  constructor(
    message: string,
    /** What the operator should change, shown after the message. */
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(fix ? `${message}. Fix: ${fix}` : message, options);
  }
}

/** The source's rate limit is spent: retry after `retryAfterMs`, not sooner. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
