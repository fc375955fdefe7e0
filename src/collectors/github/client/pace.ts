/**
 * A worker's pace of requests to GitHub: GitHub's secondary limits allow about 900 REST points and
 * 2,000 GraphQL points a minute per token, counted apart, and every replica reads with the same
 * token, so each worker keeps to its share of each (`options.requestsPerMinute`,
 * `options.graphqlRequestsPerMinute`). A token bucket: a burst of ten seconds' worth goes at once (a cold
 * busy repository reads without waiting), then requests wait for their turn. The wait is cancelled
 * with the unit.
 */
export class Pace {
  private tokens: number;
  private last: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
  ) {
    this.tokens = this.capacity;
    this.last = now();
  }

  get capacity(): number {
    return Math.max(1, this.perMinute / 6);
  }

  /** Resolves when the next request may go. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute), signal);
    }
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

const paces = new Map<string, Pace>();

/** The worker's pace for one set of credentials (paces apply per token), created on first use. */
export function paceFor(scope: string, perMinute: number): Pace {
  let pace = paces.get(scope);
  if (pace?.perMinute !== perMinute) {
    pace = new Pace(perMinute);
    paces.set(scope, pace);
  }
  return pace;
}

/** The fetch every request of a client goes through: it waits for its turn at its API's pace first. */
export function pacedFetch(
  base: typeof fetch,
  paces: { readonly rest: Pace; readonly graphql: Pace },
  signal?: AbortSignal,
): typeof fetch {
  return async (input, init) => {
    await (isGraphql(input) ? paces.graphql : paces.rest).take(signal);
    return base(input, init);
  };
}

/** GraphQL requests go to `<api>/graphql` (`<host>/api/graphql` on GitHub Enterprise Server). */
function isGraphql(input: Parameters<typeof fetch>[0]): boolean {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).pathname.endsWith('/graphql');
}
