/**
 * The Asana collector when Asana says no: 429 with Retry-After ends the attempt with the engine's
 * rate-limit delay, a refused or missing token is permanent with the fix, Asana's 400 messages are
 * passed through, an expired offset and a 5xx are retried, a slow answer times out.
 */
import { asanaCollector } from '../../../src/collectors/asana';
import { AsanaServerError, createClient, retryAfterMs } from '../../../src/collectors/asana/client';
import { baseUrlOf } from '../../../src/collectors/asana/connect';
import { PermanentError, RateLimitedError } from '../../../src/errors';
import { startFakeAsana, type FakeAsana } from '../../../src/fakes/asana';
import { BACKLOG, DATASET, ROADMAP, TOKEN, contextFor, settingsFor } from './fixture';

let fake: FakeAsana;
beforeAll(async () => {
  fake = await startFakeAsana({ dataset: DATASET, token: TOKEN });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.splice(0);
  fake.setRateLimit(null);
  fake.setServerError(null);
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err as Error,
  );

const client = (timeoutMs = 5000, baseUrl = fake.url) =>
  createClient({ baseUrl, token: TOKEN, fetch, signal: new AbortController().signal, timeoutMs });

it('ends a rate-limited attempt with Asana’s Retry-After, and no points', async () => {
  // The first page passes, the second is refused.
  fake.setRateLimit({ remaining: 1, retryAfterSeconds: 30 });
  const err = await failure(
    asanaCollector.collect(contextFor({ baseUrl: fake.url, group: 'tasks', project: BACKLOG })),
  );
  expect(err).toBeInstanceOf(RateLimitedError);
  expect((err as RateLimitedError).retryAfterMs).toBe(30_000);
  expect(err!.message).toContain('HTTP 429 (rate limit); retry in 30 s');
  expect(fake.requests.map((r) => r.status)).toEqual([200, 429]);
});

it('waits a minute after a 429 without Retry-After, at least a second otherwise', () => {
  expect(retryAfterMs(new Headers())).toBe(60_000);
  expect(retryAfterMs(new Headers({ 'retry-after': '0' }))).toBe(1000);
  expect(retryAfterMs(new Headers({ 'retry-after': '12' }))).toBe(12_000);
});

it('fails for good on a refused token, naming where the token goes and never the token', async () => {
  const err = await failure(
    asanaCollector.collect(
      contextFor({ baseUrl: fake.url, group: 'status', project: ROADMAP, token: 'revoked-token' }),
    ),
  );
  expect(err).toBeInstanceOf(PermanentError);
  expect(err!.message).toContain('HTTP 401 (the token was refused): Not Authorized');
  expect((err as PermanentError).fix).toContain('ASANA_TOKEN');
  expect(err!.message).not.toContain('revoked-token');
});

it('fails before any request without a token', async () => {
  const ctx = contextFor({ baseUrl: fake.url, group: 'tasks', project: ROADMAP, token: '' });
  const err = await failure(asanaCollector.collect(ctx));
  expect(err).toBeInstanceOf(PermanentError);
  expect((err as PermanentError).fix).toContain('asana/personal-access-token');
  expect(fake.requests).toEqual([]);
});

it('passes Asana’s 400 message through, as permanent', async () => {
  const err = await failure(
    client().get('/tasks', { project: ROADMAP, assignee: 'me' }, 'tasks by project and assignee'),
  );
  expect(err).toBeInstanceOf(PermanentError);
  expect(err!.message).toContain(
    'answered tasks by project and assignee with HTTP 400: Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
  );
});

it('names an unknown project as permanent (404)', async () => {
  const err = await failure(
    asanaCollector.collect(contextFor({ baseUrl: fake.url, group: 'status', project: '999' })),
  );
  expect(err).toBeInstanceOf(PermanentError);
  expect(err!.message).toContain('HTTP 404: parent: Not a recognized ID: 999');
});

it('retries an expired offset and a server error', async () => {
  const expired = await failure(
    client().get(`/projects/${BACKLOG}/tasks`, { limit: 100, offset: 'eyJub3BlIjp0cnVlfQ' }, 'tasks'),
  );
  expect(expired).toBeInstanceOf(AsanaServerError);
  expect(expired!.message).toContain('offset: Your pagination token is invalid or has expired');
  fake.setServerError(503);
  const outage = await failure(
    asanaCollector.collect(contextFor({ baseUrl: fake.url, group: 'tasks', project: ROADMAP })),
  );
  expect(outage).toBeInstanceOf(AsanaServerError);
  expect(outage).not.toBeInstanceOf(PermanentError);
});

it('gives up on a slow answer after requestTimeout, as retryable', async () => {
  const slow = await startFakeAsana({ dataset: DATASET, token: TOKEN, latencyMs: 1500 });
  try {
    const err = await failure(client(1000, slow.url).get('/users/me', {}, 'the token’s user'));
    expect(err).toBeInstanceOf(AsanaServerError);
    expect(err!.message).toContain('did not answer the token’s user within 1 s');
  } finally {
    await slow.close();
  }
});

it('takes the base URL from options, else ASANA_BASE_URL, else Asana’s', () => {
  const noUrl = settingsFor('http://ignored.example', {});
  const without = { ...noUrl, options: { ...noUrl.options, baseUrl: undefined } };
  expect(baseUrlOf(without, {})).toBe('https://app.asana.com/api/1.0');
  expect(baseUrlOf(without, { ASANA_BASE_URL: 'http://127.0.0.1:9/api/1.0' })).toBe(
    'http://127.0.0.1:9/api/1.0',
  );
  expect(baseUrlOf(noUrl, { ASANA_BASE_URL: 'http://127.0.0.1:9' })).toBe('http://ignored.example');
  expect(() => baseUrlOf(without, { ASANA_BASE_URL: 'app.asana.com' })).toThrow(PermanentError);
});
