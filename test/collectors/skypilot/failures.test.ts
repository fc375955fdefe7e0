/**
 * Failures the engine must be told apart: credentials (permanent, with the fix), an unreachable
 * server (retryable), a request that never completes (retryable within its timeout, cancelled on the
 * server), cancellation of the unit, and credentials in URLs (never in a message or a log line).
 */
import { PermanentError } from '../../../src/errors';
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { startFakeSkyPilot, type FakeSkyPilot } from '../../../src/fakes/skypilot';
import { freePort } from '../../../src/util/net';
import { AS_OF, CLUSTERS, JOBS, T } from './fixture';
import { makeContext } from './context';

let fake: FakeSkyPilot;
beforeEach(async () => {
  delete process.env.SKYPILOT_API_KEY;
  delete process.env.SKYPILOT_API_URL;
  fake = await startFakeSkyPilot({
    dataset: { jobs: JOBS, clusters: CLUSTERS },
    now: () => T,
    token: 'sky_good',
  });
});
afterEach(() => fake.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

test('a rejected token is permanent, and the message says which token to create', async () => {
  const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF, url: fake.url, token: 'sky_revoked' });
  const err = await failure(skypilotCollector.collect(ctx));
  expect(err).toBeInstanceOf(PermanentError);
  expect(err?.message).toBe(
    `SkyPilot API server prod (${fake.url}) refused the credentials: HTTP 401 Invalid or expired service account token. ` +
      'Fix: create a new service-account token (SkyPilot dashboard → Users → Service Accounts; the viewer role is enough) ' +
      'and store it in the secret skypilot/api-key or env SKYPILOT_API_KEY',
  );
  expect(fake.requests.map((r) => r.path)).toEqual(['/jobs/queue/v2']); // tried once, nothing more
});

test('no token where the server needs one: permanent, says the server needs a token', async () => {
  const { ctx } = makeContext({ group: 'clusters', asOf: AS_OF, url: fake.url });
  const err = await failure(skypilotCollector.collect(ctx));
  expect(err).toBeInstanceOf(PermanentError);
  expect(err?.message).toContain('Fix: the server needs a token');
});

test('an unreachable server fails retryably, naming the server', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const { ctx } = makeContext({ group: 'clusters', asOf: AS_OF, url });
  const err = await failure(skypilotCollector.collect(ctx));
  expect(err).not.toBeInstanceOf(PermanentError);
  expect(err?.message).toBe(`SkyPilot API server prod (${url}) is unreachable: ECONNREFUSED`);
});

test('a request that never completes fails within its timeout, is cancelled on the server, and heartbeats meanwhile', async () => {
  fake.hang('/jobs/queue/v2');
  const { ctx, heartbeat } = makeContext({
    group: 'jobs',
    asOf: AS_OF,
    url: fake.url,
    token: 'sky_good',
    options: { requestTimeout: '1s' },
  });
  const started = Date.now();
  const err = await failure(skypilotCollector.collect(ctx));
  const elapsed = Date.now() - started;
  expect(err).not.toBeInstanceOf(PermanentError);
  expect(err?.message).toBe(
    'SkyPilot API server prod (' +
      fake.url +
      '): the result of POST /jobs/queue/v2 got no answer within 1 s; cancelled it on the server',
  );
  expect(elapsed).toBeGreaterThanOrEqual(950);
  expect(elapsed).toBeLessThan(3000);
  const submitted = fake.requests.find((r) => r.path === '/jobs/queue/v2');
  expect(submitted?.status).toBe(200);
  expect(fake.cancelled).toHaveLength(1);
  expect(fake.requests.at(-1)).toMatchObject({ path: '/api/cancel', body: { request_ids: fake.cancelled } });
  expect(heartbeat.mock.calls.length).toBeGreaterThanOrEqual(3); // at once, then every 250 ms
});

test('cancelling the unit stops the wait at once and cancels the request on the server', async () => {
  fake.hang('/status');
  const abort = new AbortController();
  const { ctx } = makeContext({
    group: 'clusters',
    asOf: AS_OF,
    url: fake.url,
    token: 'sky_good',
    signal: abort.signal,
  });
  const pending = failure(skypilotCollector.collect(ctx));
  setTimeout(() => abort.abort(new Error('activity cancelled')), 200);
  const started = Date.now();
  expect((await pending)?.message).toBe('activity cancelled');
  expect(Date.now() - started).toBeLessThan(1500);
  expect(fake.cancelled).toHaveLength(1);
});

test('credentials in the URL become Basic auth and never appear in errors or logs', async () => {
  const basic = await startFakeSkyPilot({
    dataset: { jobs: JOBS, clusters: CLUSTERS },
    basicAuth: { user: 'ops', password: 'hunter2-secret' },
  });
  try {
    const url = basic.url.replace('http://', 'http://ops:hunter2-secret@');
    const ok = makeContext({ group: 'clusters', asOf: AS_OF, url });
    expect(await skypilotCollector.collect(ok.ctx)).toEqual([
      { metric: 'skypilot.clusters.active', value: 2 },
    ]);

    const wrong = makeContext({
      group: 'jobs',
      asOf: AS_OF,
      url: url.replace('hunter2-secret', 'wrong-password-1'),
    });
    const refused = await failure(skypilotCollector.collect(wrong.ctx));
    const down = makeContext({
      group: 'jobs',
      asOf: AS_OF,
      url: `http://ops:hunter2-secret@127.0.0.1:${await freePort()}`,
    });
    const unreachable = await failure(skypilotCollector.collect(down.ctx));
    for (const text of [
      refused?.message,
      unreachable?.message,
      ...ok.log.lines,
      ...wrong.log.lines,
      ...down.log.lines,
    ]) {
      expect(text).not.toContain('hunter2-secret');
      expect(text).not.toContain('wrong-password-1');
    }
    expect(refused).toBeInstanceOf(PermanentError);
    // The URL's credentials were sent, not a token: the fix says so, and where the URL is set.
    expect(refused?.message).toBe(
      `SkyPilot API server prod (${basic.url}) refused the credentials: HTTP 401 Invalid credentials. ` +
        'Fix: the user name and password in the server URL (url in collectors.skypilot.targets) were refused: ' +
        'correct them there, or remove them and use a service-account token (SkyPilot dashboard → Users → Service Accounts; ' +
        'the viewer role is enough) stored in the secret skypilot/api-key or env SKYPILOT_API_KEY',
    );
    expect(unreachable?.message).toContain('is unreachable');
  } finally {
    await basic.close();
  }
});

test('a server without a URL anywhere is a permanent error that says where to set it', async () => {
  const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF });
  const err = await failure(skypilotCollector.collect(ctx));
  expect(err).toBeInstanceOf(PermanentError);
  expect(err?.message).toBe(
    'SkyPilot server prod has no URL. Fix: set url in collectors.skypilot.targets, env SKYPILOT_API_URL or the secret skypilot/api-url',
  );
});
