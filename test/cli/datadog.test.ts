/**
 * `collectors datadog plan|apply|export`, run in-process against the fake Datadog API, with the
 * synthetic collector enabled. It generates, by hand: 2 dashboards (its own and the health one),
 * 5 monitors (the health monitors: it declares none of its own), and the metadata of its catalog's
 * metrics and its 7 health metrics.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDatadogApi, type FakeDatadogApi } from '../../src/fakes/datadog/api';
import { cli } from '../support/cli';
import { syntheticCatalog } from '../support/synthetic-collector';

const METADATA = syntheticCatalog.metrics.length + 7;

let api: FakeDatadogApi;
let dir: string;
let config: string;

beforeEach(async () => {
  api = await startFakeDatadogApi();
  dir = mkdtempSync(join(tmpdir(), 'collectors-datadog-'));
  config = join(dir, 'collectors.yaml');
  writeFileSync(
    config,
    [
      'deployment: clitest',
      'datadog: { env: test }',
      'collectors:',
      '  synthetic:',
      '    schedule: 1h',
      '    targets: { count: 1 }',
    ].join('\n'),
  );
});
afterEach(() => api.close());

const env = (overrides: NodeJS.ProcessEnv = {}) => ({
  DD_URL: api.url,
  DD_API_KEY: api.apiKey,
  DD_APP_KEY: api.appKey,
  ...overrides,
});

const datadog = (args: string[], overrides?: NodeJS.ProcessEnv) =>
  cli(['datadog', ...args, '--config', config], { env: env(overrides) });

test('plan, apply, plan again: exit codes 0, and 3 with --detailed-exitcode while changes are pending', async () => {
  const plan = await datadog(['plan']);
  expect(plan.code).toBe(0);
  const lines = plan.stdout.trim().split('\n');
  expect(lines[0]).toBe(`Datadog at ${api.url}, deployment clitest:`);
  expect(lines.slice(1, -1)).toEqual([
    '+ dashboard synthetic "[clitest] Collector: synthetic"',
    '+ dashboard health "[clitest] Collectors health"',
    '+ monitor synthetic.no-data "[clitest] synthetic: no data for 2h"',
    '+ monitor synthetic.repeated-errors "[clitest] synthetic: repeated errors"',
    '+ monitor synthetic.unit-failing "[clitest] synthetic: a unit stopped succeeding"',
    '+ monitor synthetic.points-dropped "[clitest] synthetic: points dropped"',
    '+ monitor synthetic.invalid-points "[clitest] synthetic: invalid points"',
  ]);
  expect(lines.at(-1)).toBe(
    `Plan for deployment clitest: 7 to create, 0 to update, 0 to delete, 0 unchanged; metadata of ${METADATA} metric(s) waits for data (set by the first apply after their first points).`,
  );
  expect((await datadog(['plan', '--detailed-exitcode'])).code).toBe(3);
  expect([api.monitors.size, api.dashboards.size]).toEqual([0, 0]);

  const apply = await datadog(['apply']);
  expect(apply.code).toBe(0);
  const progress = apply.stderr.trim().split('\n');
  expect(progress[0]).toBe(`Datadog at ${api.url}, deployment clitest:`);
  expect(progress.slice(1).map((l) => l.replace(/ \(.*\)$/, ''))).toEqual(
    lines.slice(1, -1).map((l) => `${l.slice(2)}: created`),
  );
  expect(apply.stdout).toBe(
    `Applied for deployment clitest: 7 created, 0 updated, 0 deleted, 0 unchanged, metadata of ${METADATA} metric(s) waits for data.\n`,
  );

  const again = await datadog(['plan', '--detailed-exitcode']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('0 to create, 0 to update, 0 to delete, 7 unchanged');
});

test('a missing application key is bad input (2); a rejected one a failure (1); both name DD_APP_KEY', async () => {
  const missing = await datadog(['plan'], { DD_APP_KEY: '' });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toBe(
    'error: no Datadog application key: set DD_APP_KEY (or the secret datadog/app-key with SECRETS_BACKEND=aws) ' +
      'to an application key with the scopes dashboards_read, dashboards_write, monitors_read, monitors_write and metrics_read\n',
  );
  const wrong = await datadog(['apply'], { DD_APP_KEY: 'not-the-key-0000' });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain(
    `error: Datadog application key rejected by ${api.url} (HTTP 403 to list dashboards): set DD_APP_KEY (or the secret datadog/app-key)`,
  );
  expect(wrong.stderr).not.toContain('not-the-key-0000');
  expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
});

test('apply exits 1 when writes fail, and says what was not tried', async () => {
  api.failWritesAfter(1);
  const r = await datadog(['apply']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('stopped: 5 write(s) not tried; run apply again');
  expect(r.stdout).toContain('1 created, 0 updated, 0 deleted, 0 unchanged');
  expect(r.stdout).toContain('; 1 failed, 5 not tried.');
});

test('export: json to stdout, terraform to a .tf.json file; no key needed', async () => {
  const json = await cli(['datadog', 'export', '--format', 'json', '--config', config], { env: {} });
  expect(json.code).toBe(0);
  const doc = JSON.parse(json.stdout) as { dashboards: unknown[]; monitors: unknown[]; metadata: object };
  expect([doc.dashboards.length, doc.monitors.length, Object.keys(doc.metadata).length]).toEqual([
    2,
    5,
    METADATA,
  ]);

  const out = join(dir, 'datadog.tf.json');
  const tf = await cli(['datadog', 'export', '--format', 'terraform', '--out', out, '--config', config], {
    env: {},
  });
  expect(tf.code).toBe(0);
  expect(tf.stderr).toBe(
    `wrote ${out}: 2 dashboard(s), 5 monitor(s), metadata of ${METADATA} metric(s), deployment clitest\n`,
  );
  const file = JSON.parse(readFileSync(out, 'utf8')) as { resource: Record<string, object> };
  expect(Object.keys(file.resource)).toEqual([
    'datadog_dashboard_json',
    'datadog_monitor',
    'datadog_metric_metadata',
  ]);

  const badFormat = await cli(['datadog', 'export', '--format', 'yaml', '--config', config], { env: {} });
  expect(badFormat.code).toBe(2);
  expect(badFormat.stderr).toContain("argument 'yaml' is invalid. Allowed choices are json, terraform.");
  const badOut = await cli(['datadog', 'export', '--format', 'terraform', '--out', join(dir, 'x.tf')], {
    env: {},
  });
  expect(badOut.code).toBe(2);
});

test.each([['plan'], ['apply'], ['export']])('datadog %s --help', async (sub) => {
  const r = await cli(['datadog', sub, '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`^Usage: collectors datadog ${sub} \\[options\\]`));
  if (sub !== 'export')
    expect(r.stdout).toContain('plan --detailed-exitcode: 0 nothing to do, 3 changes pending');
});

test('a rate limit is waited out with a line on stderr, and the apply completes', async () => {
  // The plan's first request, the dashboard list, is limited twice. Reset in 0 s: the wait is real
  // but empty, so the test does not depend on the clock.
  api.rateLimit(2, { reset: 0, name: 'dashboards_list' });
  const r = await datadog(['apply']);
  expect(r.code).toBe(0);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('rate limited'))).toEqual([
    'rate limited by Datadog (dashboards_list): waiting 0 s',
    'rate limited by Datadog (dashboards_list): waiting 0 s',
  ]);
  expect(r.stdout).toContain('7 created');
  expect(api.requests.slice(0, 3).map((req) => req.status)).toEqual([429, 429, 200]);
});
