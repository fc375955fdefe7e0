/** Failures end the unit with the engine's error kinds, at once (no sleeping), naming the repo and the fix. */
import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { PermanentError, RateLimitedError } from '../../../src/errors';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { collectContext, planContext, secretsWith, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeEach(async () => {
  clearProcessCaches();
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterEach(() => gh.close());

const collect = (group: string, repo = 'acme/widgets', token = TOKEN) =>
  githubCollector.collect(
    collectContext(group, repo, settings(gh.url), AS_OF, { secrets: secretsWith(token) }),
  );

async function failure(promise: Promise<unknown>): Promise<Error> {
  const started = Date.now();
  const err = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  expect(Date.now() - started).toBeLessThan(2000);
  return err;
}

describe('rate limits', () => {
  it('ends a REST unit with the time until the reset when nothing remains (403)', async () => {
    const resetAt = new Date(Date.now() + 120_000);
    gh.setRateLimit({ resource: 'core', remaining: 0, resetAt });
    const err = await failure(collect('ci'));
    expect(err).toBeInstanceOf(RateLimitedError);
    // Until the reset (whole seconds) plus one second of margin.
    const expected = Math.floor(resetAt.getTime() / 1000) * 1000 - Date.now() + 1000;
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(expected - 2000);
    expect((err as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(expected + 100);
    expect(err.message).toMatch(
      /^GitHub rate limit reached for repository acme\/widgets \(403\); retry in 1[12]\d s$/,
    );
  });

  it('honours retry-after on a 429', async () => {
    gh.setRateLimit({ resource: 'core', remaining: 0, status: 429, retryAfterSeconds: 30 });
    const err = await failure(collect('ci'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('treats a secondary limit (403 with retry-after, requests remaining) as a rate limit', async () => {
    gh.setRateLimit({ resource: 'core', secondaryRetryAfterSeconds: 75 });
    const err = await failure(collect('ci'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(75_000);
  });

  it('reads GraphQL’s 200-with-RATE_LIMITED answer as a rate limit until the GraphQL reset', async () => {
    const resetAt = new Date(Date.now() + 600_000);
    gh.setRateLimit({ resource: 'graphql', remaining: 0, resetAt });
    const err = await failure(collect('pulls'));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(590_000);
    expect((err as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(602_000);
    expect(err.message).toMatch(/GraphQL rate limit reached for repository acme\/widgets/);
  });
});

describe('errors no retry can fix', () => {
  it('rejects a bad token as permanent, saying where the token is set', async () => {
    const err = await failure(collect('ci', 'acme/widgets', 'ghp_wrong'));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe(
      'GitHub rejected the token (401 Bad credentials). Fix: set a valid token in GITHUB_TOKEN or the secret github/dashboard-token',
    );
    expect(err.message).not.toContain('ghp_wrong');
  });

  it.each(['ci', 'pulls', 'commits', 'branches'])(
    'names an unknown repo in group %s (REST 404 or GraphQL NOT_FOUND)',
    async (group) => {
      const err = await failure(collect(group, 'acme/nope'));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.message).toMatch(/^repository acme\/nope does not exist or the token cannot see it/);
      expect(err.message).toContain(
        'Fix: check the name under collectors.github.targets, or grant the token access to it',
      );
    },
  );

  it.each([
    ['pulls', 'PullRequests'],
    ['commits', 'DefaultBranchCommits'],
    ['branches', 'Branches'],
  ])(
    'fails group %s for good when GraphQL answers repository: null without an error (never zeros)',
    async (group, operation) => {
      // REST still serves acme/hidden; GraphQL resolves it to null and says nothing more.
      gh.replaceDataset({
        ...fixture,
        repos: [...fixture.repos, { owner: 'acme', name: 'hidden', graphqlNull: true }],
      });
      const err = await failure(collect(group, 'acme/hidden'));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.message).toBe(
        'repository acme/hidden does not exist or the token cannot see it (GraphQL answered repository: null). ' +
          'Fix: check the name under collectors.github.targets, or grant the token access to it',
      );
      // One query, then no further page and no REST call: nothing is computed from the null.
      expect(gh.requests.map((r) => `${r.status} ${r.operation ?? r.path}`)).toEqual([`200 ${operation}`]);
    },
  );

  it('fails without a token before calling GitHub', async () => {
    const err = await failure(
      githubCollector.collect(
        collectContext('ci', 'acme/widgets', settings(gh.url), AS_OF, { secrets: secretsWith(null) }),
      ),
    );
    expect(err).toBeInstanceOf(PermanentError);
    expect(gh.requests).toHaveLength(0);
  });
});

describe('GitHub failing (5xx)', () => {
  it.each([
    ['ci', 502, /^\/repos\/acme\/widgets\/actions\/runs/],
    ['pulls', 503, /^\/graphql$/],
  ])(
    'GitHub answering a %s unit %i: retryable, named by status, repository and group',
    async (group, status, path) => {
      gh.setServerError({ status, path });
      const err = await failure(collect(group));
      expect(err).not.toBeInstanceOf(PermanentError);
      expect(err).not.toBeInstanceOf(RateLimitedError);
      // The fake's body is GitHub's {"message":"Server Error"}.
      expect(err.message).toBe(
        `GitHub answered ${status} for repository acme/widgets (group ${group}): Server Error`,
      );
    },
  );

  it("gives a proxy's HTML error page as its words", async () => {
    gh.setServerError({
      status: 504,
      html: '<html><head><title>504</title></head><body>\n<h1>Gateway   Time-out</h1>\n</body></html>',
    });
    const err = await failure(collect('commits'));
    expect(err.message).toBe(
      'GitHub answered 504 for repository acme/widgets (group commits): 504 Gateway Time-out',
    );
  });
});

describe('timeouts and the probe', () => {
  it('gives up on a request that outlasts requestTimeoutMs, as a retryable error', async () => {
    const slow = await startFakeGitHub({ dataset: fixture, token: TOKEN, latencyMs: 1000 });
    try {
      const s = settings(slow.url, { requestTimeoutMs: 100 });
      const err = await failure(githubCollector.collect(collectContext('ci', 'acme/widgets', s, AS_OF)));
      expect(err).not.toBeInstanceOf(PermanentError);
      expect(err.message).toBe('GitHub did not answer within 100 ms');
    } finally {
      await slow.close();
    }
  });

  it('fails the probe for good with a bad token', async () => {
    const ctx = { ...planContext(settings(gh.url)), secrets: secretsWith('ghp_wrong') };
    await expect(githubCollector.probe(ctx)).rejects.toThrow(
      'GitHub rejected the token (401 Bad credentials). Fix: set a valid token in GITHUB_TOKEN or the secret github/dashboard-token',
    );
  });
});
