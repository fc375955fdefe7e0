/** The fake's REST side, spoken to with plain fetch, so collector tests can trust what it does. */
import { startFakeGitHub, type FakeGitHub, type FakeRun } from '../../../src/fakes/github';

const TOKEN = 'ghp_fake';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const T0 = Date.parse('2025-06-01T00:00:00Z');
const runs: FakeRun[] = Array.from({ length: 2500 }, (_, i) => ({
  id: i + 1,
  workflowId: 1,
  branch: i % 2 ? 'main' : 'dev',
  event: 'push',
  status: 'completed',
  conclusion: 'success',
  createdAt: iso(T0 + i * 60_000),
  updatedAt: iso(T0 + i * 60_000 + 30_000),
}));

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({
    token: TOKEN,
    dataset: {
      repos: [
        {
          owner: 'acme',
          name: 'ci',
          runs,
          workflows: [{ id: 1, name: 'CI', path: '.github/workflows/ci.yml' }],
        },
        ...['a', 'b', 'c', 'd', 'e'].map((name) => ({ owner: 'acme', name })),
      ],
    },
  });
});
afterAll(() => gh.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${gh.url}${path}`, { headers: { authorization: `token ${TOKEN}`, ...headers } });

describe('fake GitHub REST', () => {
  it('listens on 127.0.0.1 and a free port', () => {
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('pages with per_page and Link next/last relations, and caps per_page at 100', async () => {
    const res = await get('/orgs/acme/repos?per_page=2&page=2');
    const names = ((await res.json()) as { name: string }[]).map((r) => r.name);
    // Sorted by name: a, b, c, ci, d, e.
    expect(names).toEqual(['c', 'ci']);
    expect(res.headers.get('link')).toBe(
      `<${gh.url}/orgs/acme/repos?per_page=2&page=3>; rel="next", <${gh.url}/orgs/acme/repos?per_page=2&page=3>; rel="last", ` +
        `<${gh.url}/orgs/acme/repos?per_page=2&page=1>; rel="first", <${gh.url}/orgs/acme/repos?per_page=2&page=1>; rel="prev"`,
    );
    const big = (await (await get('/repos/acme/ci/actions/runs?per_page=500')).json()) as {
      workflow_runs: unknown[];
    };
    expect(big.workflow_runs).toHaveLength(100);
  });

  it('serves only the first 1,000 runs of a filtered listing while reporting the true total', async () => {
    const page = async (p: number, filter: string) =>
      (await (await get(`/repos/acme/ci/actions/runs?per_page=100&page=${p}${filter}`)).json()) as {
        total_count: number;
        workflow_runs: { id: number }[];
      };
    const filtered = '&created=2025-05-01..2025-07-01';
    expect((await page(10, filtered)).workflow_runs).toHaveLength(100);
    expect(await page(11, filtered)).toEqual({ total_count: 2500, workflow_runs: [] });
    // Unfiltered listings are not capped; newest first.
    expect((await page(11, '')).workflow_runs.map((r) => r.id).slice(0, 2)).toEqual([1500, 1499]);
    // branch is one of the capped filters too.
    expect((await page(11, '&branch=main')).workflow_runs).toEqual([]);
  });

  it('filters runs by the created qualifier, and a bare date-time matches only its second', async () => {
    const count = async (created: string) =>
      (
        (await (
          await get(`/repos/acme/ci/actions/runs?per_page=1&created=${encodeURIComponent(created)}`)
        ).json()) as {
          total_count: number;
        }
      ).total_count;
    expect(await count('2025-06-01T00:00:00Z..2025-06-01T00:59:59Z')).toBe(60);
    expect(await count('>=2025-06-02')).toBe(2500 - 1440);
    expect(await count('2025-06-01')).toBe(1440);
    // The predecessor sent `created=<timestamp>` without an operator: almost nothing matches.
    expect(await count('2025-06-01T00:00:30Z')).toBe(0);
    expect((await get('/repos/acme/ci/actions/runs?created=yesterday')).status).toBe(422);
  });

  it('answers a matching If-None-Match with 304, which does not spend the rate limit', async () => {
    const first = await get('/repos/acme/ci');
    const etag = first.headers.get('etag')!;
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const again = await get('/repos/acme/ci', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    const changed = await get('/repos/acme/ci', { 'if-none-match': 'W/"other"' });
    expect(changed.status).toBe(200);
    expect(Number(changed.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
  });

  it('sends rate-limit headers, answers 403 (or 429) once nothing remains, and GET /rate_limit for free', async () => {
    const res = await get('/repos/acme/a');
    expect(res.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBe(5000);
    gh.setRateLimit({ resource: 'core', remaining: 0, resetAt: new Date('2030-01-01T00:00:00Z') });
    const limited = await get('/repos/acme/a');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2030-01-01T00:00:00Z') / 1000));
    expect(((await limited.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);
    gh.setRateLimit({ resource: 'core', status: 429, retryAfterSeconds: 42 });
    const tooMany = await get('/repos/acme/a');
    expect([tooMany.status, tooMany.headers.get('retry-after')]).toEqual([429, '42']);
    const rate = (await (await get('/rate_limit')).json()) as { resources: { core: { remaining: number } } };
    expect(rate.resources.core.remaining).toBe(0);
    gh.setRateLimit({ resource: 'core', remaining: 5000, status: 403 });
    expect(gh.requests.filter((r) => r.path === '/rate_limit').map((r) => r.cost)).toEqual([0]);
  });

  it('rejects a missing or wrong token with 401 Bad credentials', async () => {
    const res = await fetch(`${gh.url}/repos/acme/a`, { headers: { authorization: 'token nope' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe('Bad credentials');
  });

  it('logs every request with its method, path, status, resource and cost', async () => {
    gh.requests.length = 0;
    await get('/repos/acme/nope');
    expect(gh.requests).toEqual([
      { method: 'GET', path: '/repos/acme/nope', status: 404, resource: 'core', cost: 1 },
    ]);
  });

  it("answers a missing workflow, repository or route with GitHub's 404 body", async () => {
    const notFound = {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    };
    for (const path of [
      '/repos/acme/ci/actions/workflows/benchmarks.yml/runs',
      '/repos/acme/ci/actions/workflows/99/runs',
      '/repos/acme/nope/actions/workflows/ci.yml/runs',
      '/repos/acme/nope',
      '/repos/acme/ci/no-such-route',
    ]) {
      const res = await get(path);
      expect([path, res.status, await res.json()]).toEqual([path, 404, notFound]);
    }
    // The workflow that exists answers by file name: all 2,500 runs are its own.
    const ci = await get('/repos/acme/ci/actions/workflows/ci.yml/runs?per_page=1');
    expect(((await ci.json()) as { total_count: number }).total_count).toBe(2500);
  });

  it('answers with a 5xx while told to, for the paths given, without charging it', async () => {
    gh.requests.length = 0;
    gh.setServerError({ status: 502, path: /^\/repos\/acme\/a$/ });
    try {
      const failed = await get('/repos/acme/a');
      expect(failed.status).toBe(502);
      expect(await failed.json()).toEqual({ message: 'Server Error' });
      expect((await get('/repos/acme/b')).status).toBe(200);
    } finally {
      gh.setServerError(null);
    }
    expect((await get('/repos/acme/a')).status).toBe(200);
    expect(gh.requests.map((r) => `${r.status} ${r.path} ${r.cost}`)).toEqual([
      '502 /repos/acme/a 0',
      '200 /repos/acme/b 1',
      '200 /repos/acme/a 1',
    ]);
  });
});
