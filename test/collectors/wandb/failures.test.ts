/**
 * How a unit fails: a spent rate limit ends the attempt with W&B's wait, a refused key and an unknown
 * project are permanent (the fix named, the key never shown), an outage and a timeout are retried, and
 * an older W&B Server without sweep filters still gets its sweeps counted.
 */
import { PermanentError, RateLimitedError } from '../../../src/errors';
import { wandbCollector } from '../../../src/collectors/wandb';
import { startFakeWandb, type FakeWandb } from '../../../src/fakes/wandb';
import { API_KEY, DATASET, byName, contextFor } from './fixture';

let fake: FakeWandb;
beforeEach(async () => {
  fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY });
});
afterEach(() => fake.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the unit to fail');
    },
    (err: unknown) => err as Error,
  );

describe('a rate-limited attempt', () => {
  it('ends at once with RateLimit-Reset (+1 s) when nothing remains', async () => {
    fake.setRateLimit({ remaining: 0, resetSeconds: 42 });
    const err = await failure(wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'counts' })));
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(43_000);
    expect(err.message).toContain('HTTP 429');
    expect(fake.requests.map((r) => r.status)).toEqual([429]);
  });

  it('prefers Retry-After, and stops paging at the first 429 (no points from half a list)', async () => {
    fake.setRateLimit({ remaining: 0, resetSeconds: 600, retryAfterSeconds: 7 });
    const err = await failure(wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'runs' })));
    expect((err as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('a later attempt after the reset succeeds', async () => {
    fake.setRateLimit({ remaining: 0, resetSeconds: 1 });
    await failure(wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'sweeps' })));
    fake.setRateLimit(null);
    expect(byName(await wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'sweeps' })))).toEqual({
      'wandb.experiments.sweeps_running': 2,
      'wandb.experiments.sweeps_completed_7d': 1,
    });
  });
});

describe('credentials', () => {
  it('a refused key is permanent, names where the key goes, and never shows it', async () => {
    const key = 'wrong-key-5f9c2e7a1b3d';
    const err = await failure(wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'runs', key })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain('HTTP 401');
    expect((err as PermanentError).fix).toContain('WANDB_API_KEY');
    expect((err as PermanentError).fix).toContain('wandb/api-key');
    expect(err.message).not.toContain(key);
    expect(err.message).not.toContain(Buffer.from(`api:${key}`).toString('base64'));
    // Sent as W&B's clients send a key: Basic, user `api`.
    expect(fake.requests.map((r) => [r.status, r.scheme])).toEqual([[401, 'Basic']]);
  });

  it('no key at all fails before any request', async () => {
    const err = await failure(
      wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'counts', key: '' })),
    );
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).fix).toContain('WANDB_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('an unknown project', () => {
  it.each(['counts', 'runs', 'sweeps'] as const)(
    'fails group %s of that project for good, never as an empty project',
    async (group) => {
      const err = await failure(
        wandbCollector.collect(contextFor({ baseUrl: fake.url, group, project: 'no-such-project' })),
      );
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.message).toContain('acme-ml/no-such-project does not exist');
      // The other projects are unaffected.
      await expect(
        wandbCollector.collect(contextFor({ baseUrl: fake.url, group })),
      ).resolves.not.toHaveLength(0);
    },
  );
});

describe('an outage', () => {
  it('a 503 (an HTML page) is retried: not permanent, and its text is kept short', async () => {
    fake.setServerError(503);
    const err = await failure(wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'counts' })));
    expect(err).not.toBeInstanceOf(PermanentError);
    expect(err.message).toContain('HTTP 503: 503 Service Unavailable');
  });

  it('a request with no answer within requestTimeout is retried', async () => {
    await fake.close();
    fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY, latencyMs: 1500 });
    const err = await failure(
      wandbCollector.collect(
        contextFor({ baseUrl: fake.url, group: 'counts', options: { requestTimeout: '1s' } }),
      ),
    );
    expect(err).not.toBeInstanceOf(PermanentError);
    expect(err.message).toContain('did not answer project acme-ml/llm (counts) within 1 s');
  });
});

describe('an older W&B Server without sweep filters', () => {
  it('reads every sweep instead, and counts the same', async () => {
    await fake.close();
    fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY, sweepFilters: false });
    expect(byName(await wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'sweeps' })))).toEqual({
      'wandb.experiments.sweeps_running': 2,
      'wandb.experiments.sweeps_completed_7d': 1,
    });
    expect(fake.requests.map((r) => [r.operation, r.status])).toEqual([
      ['CollectorSweeps', 400],
      ['CollectorAllSweeps', 200],
    ]);
  });
});
