/**
 * `collectors doctor` with `datadog.resources.enabled`: one more line, the application key checked
 * with the cheapest call that needs it (one monitor of the first page) against the fake Datadog API.
 * Temporal is not part of it: its check fails here, and the others go on.
 */
import { parseConfig } from '../../src/config';
import { runDoctor } from '../../src/doctor';
import { startFakeDatadogApi, type FakeDatadogApi } from '../../src/fakes/datadog/api';
import { memoryLogger } from '../../src/log';
import { createSecretResolver } from '../../src/secrets/resolver';
import { registry } from '../support/deployment';

let api: FakeDatadogApi;
beforeEach(async () => {
  api = await startFakeDatadogApi();
});
afterEach(() => api.close());

async function doctor(resources: object, env: NodeJS.ProcessEnv) {
  const config = parseConfig(
    {
      deployment: 'doc',
      datadog: { url: api.url, resources },
      collectors: { synthetic: { targets: { count: 1 } } },
    },
    { env: {}, registry, source: 'test', temporalProfile: false },
  );
  const log = memoryLogger('error');
  const checks = await runDoctor({
    config,
    registry,
    secrets: createSecretResolver({ backend: 'env', env, declared: [], ttlMs: 0, log }),
    log,
    fetch,
    connect: () => Promise.reject(new Error('no Temporal in this test')),
    timeoutMs: 5000,
  });
  return checks.filter((c) => c.name.startsWith('datadog'));
}

test('a valid application key: one line saying what the deployment manages', async () => {
  const checks = await doctor(
    { enabled: true, metadata: false },
    { DD_API_KEY: api.apiKey, DD_APP_KEY: api.appKey },
  );
  expect(checks).toEqual([
    { name: 'datadog', ok: true, detail: `API key valid at ${api.url}` },
    {
      name: 'datadog resources',
      ok: true,
      detail: `application key valid at ${api.url} (manages dashboards, monitors; \`collectors datadog plan\` shows what apply would change)`,
    },
  ]);
  // The check: the monitor list, one monitor of the first page.
  expect(api.requests.map((r) => [r.path, r.query])).toContainEqual([
    '/api/v1/monitor',
    { page: '0', page_size: '1' },
  ]);
});

test('a wrong or missing application key fails the check and names DD_APP_KEY', async () => {
  const wrong = await doctor({ enabled: true }, { DD_API_KEY: api.apiKey, DD_APP_KEY: 'wrong-app-key-99' });
  expect(wrong[1]).toEqual({
    name: 'datadog resources',
    ok: false,
    detail: expect.stringContaining(
      `Datadog application key rejected by ${api.url} (HTTP 403 to list monitors): set DD_APP_KEY (or the secret datadog/app-key)`,
    ),
  });
  const missing = await doctor({ enabled: true }, { DD_API_KEY: api.apiKey });
  expect(missing[1]).toEqual({
    name: 'datadog resources',
    ok: false,
    detail:
      'no application key: set DD_APP_KEY (or the secret datadog/app-key with SECRETS_BACKEND=aws); ' +
      'datadog.resources manages dashboards, monitors, metadata',
  });
});

test('without datadog.resources.enabled there is no such check', async () => {
  const checks = await doctor({}, { DD_API_KEY: api.apiKey });
  expect(checks.map((c) => c.name)).toEqual(['datadog']);
});
