/**
 * GitHub failures → the engine's error kinds (docs/design.md#failures): a spent rate limit ends the attempt with the
 * time to reset (never a sleep), what no retry can fix is permanent with the fix, the rest is retried.
 */
import { PermanentError, RateLimitedError } from '../../../errors';
import { brief } from '../../kit/http';

const TOKEN_FIX = 'set a valid token in GITHUB_TOKEN or the secret github/dashboard-token';
const REPO_FIX = 'check the name under collectors.github.targets, or grant the token access to it';
/** GitHub's advice when a rate-limit answer carries no reset time. */
const DEFAULT_WAIT_MS = 60_000;

type HeaderBag = Readonly<Record<string, string | number | undefined>>;

interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly headers: HeaderBag;
  /** False when no answer came (Octokit reports network failures and time-outs as status 500). */
  readonly answered: boolean;
}

/** Where a failure happened, for messages: `subject` such as "repository a/b", and the unit's group. */
export interface FailureContext {
  readonly group?: string;
  readonly now?: number;
}

/** GitHub answered 408 or 5xx: retried by the engine; the message says what, for whom and where. */
export class GitHubServerError extends Error {
  override readonly name = 'GitHubServerError';
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface GraphqlFailure {
  readonly errors: readonly { type?: string; message: string }[];
  readonly headers: HeaderBag;
}

/** Converts an Octokit error about `subject` (e.g. "repository a/b"); other errors pass through. */
export function toCollectorError(err: unknown, subject: string, context: FailureContext = {}): unknown {
  if (err instanceof PermanentError || err instanceof RateLimitedError) return err;
  const now = context.now ?? Date.now();
  const gql = asGraphqlFailure(err);
  if (gql) return fromGraphql(gql, subject, now, err);
  const http = asHttpFailure(err);
  return http ? fromHttp(http, subject, context, now, err) : err;
}

function fromHttp(
  f: HttpFailure,
  subject: string,
  context: FailureContext,
  now: number,
  cause: unknown,
): unknown {
  const { status, headers } = f;
  const detail = f.message.split(' - ')[0];
  if (status === 401)
    return new PermanentError(`GitHub rejected the token (401 ${detail})`, TOKEN_FIX, { cause });
  if (status === 403 || status === 429) {
    const wait =
      rateLimitWait(headers, now) ??
      (status === 429 || /rate limit/i.test(f.message) ? DEFAULT_WAIT_MS : undefined);
    if (wait !== undefined) {
      return new RateLimitedError(
        `GitHub rate limit reached for ${subject} (${status}); retry in ${Math.ceil(wait / 1000)} s`,
        wait,
        { cause },
      );
    }
    return new PermanentError(
      `GitHub refused access to ${subject} (403 ${detail})`,
      'grant the token read access to it (contents, pull requests, actions, metadata)',
      { cause },
    );
  }
  if (status === 404) {
    return new PermanentError(`${subject} does not exist or the token cannot see it (404)`, REPO_FIX, {
      cause,
    });
  }
  if (!f.answered) return cause;
  if (status === 408 || status >= 500) {
    // The body alone ("Server Error") tells an operator nothing: say what answered, for whom, where.
    const where = context.group ? `${subject} (group ${context.group})` : subject;
    return new GitHubServerError(
      `GitHub answered ${status} for ${where}: ${brief(detail) || 'no message'}`,
      status,
      {
        cause,
      },
    );
  }
  return new PermanentError(`GitHub answered ${status} for ${subject}: ${detail}`, undefined, { cause });
}

function fromGraphql(f: GraphqlFailure, subject: string, now: number, cause: unknown): unknown {
  const types = new Set(f.errors.map((e) => e.type));
  if (types.has('RATE_LIMITED')) {
    const wait = rateLimitWait(f.headers, now) ?? DEFAULT_WAIT_MS;
    return new RateLimitedError(
      `GitHub GraphQL rate limit reached for ${subject}; retry in ${Math.ceil(wait / 1000)} s`,
      wait,
      { cause },
    );
  }
  const first = f.errors[0]?.message ?? 'unknown error';
  if (types.has('NOT_FOUND')) {
    return new PermanentError(
      `${subject} does not exist or the token cannot see it (GraphQL: ${first})`,
      REPO_FIX,
      { cause },
    );
  }
  if (types.has('FORBIDDEN') || types.has('INSUFFICIENT_SCOPES')) {
    return new PermanentError(
      `GitHub refused access to ${subject} (GraphQL: ${first})`,
      'grant the token read access to it',
      { cause },
    );
  }
  // Errors without a type are GitHub's transient "Something went wrong" answers: retried.
  return types.size === 1 && types.has(undefined)
    ? cause
    : new PermanentError(`GitHub GraphQL error for ${subject}: ${first}`, undefined, { cause });
}

/** Milliseconds until the limit resets: `retry-after`, else `x-ratelimit-reset` when nothing remains. */
export function rateLimitWait(headers: HeaderBag, now: number): number | undefined {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
    return Math.max(1000, retryAfter * 1000);
  if (String(headers['x-ratelimit-remaining']) !== '0') return undefined;
  const reset = Number(headers['x-ratelimit-reset']);
  if (!Number.isFinite(reset)) return DEFAULT_WAIT_MS;
  // One extra second: the reset time is whole seconds and clocks differ a little.
  return Math.max(1000, reset * 1000 - now + 1000);
}

function asHttpFailure(err: unknown): HttpFailure | undefined {
  if (!(err instanceof Error) || !('status' in err) || typeof err.status !== 'number') return undefined;
  const response = (err as { response?: { headers?: HeaderBag } }).response;
  return {
    status: err.status,
    message: err.message,
    headers: response?.headers ?? {},
    answered: response !== undefined,
  };
}

function asGraphqlFailure(err: unknown): GraphqlFailure | undefined {
  if (!(err instanceof Error) || err.name !== 'GraphqlResponseError') return undefined;
  const { errors, headers } = err as unknown as { errors?: GraphqlFailure['errors']; headers?: HeaderBag };
  return errors ? { errors, headers: headers ?? {} } : undefined;
}

/**
 * The `repository` of a GraphQL answer, which must not be null. `repository(owner:, name:)` is a lookup:
 * GitHub reports a failure to resolve it (transient or not) as an entry of `errors`, handled above, so a
 * null without one is the lookup's own answer — no repository these credentials can see — and a retry
 * would ask the same question of the same data. Non-retryable, like NOT_FOUND; never an empty repository.
 */
export function requireRepository<T>(repository: T | null | undefined, fullName: string): T {
  if (repository !== null && repository !== undefined) return repository;
  throw new PermanentError(
    `repository ${fullName} does not exist or the token cannot see it (GraphQL answered repository: null)`,
    REPO_FIX,
  );
}
