import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { cli } from '../support/cli';
import { registry, testDeployment } from '../support/deployment';
import { testAddress, testClient } from '../support/temporal';

let intake: FakeIntake;
beforeEach(async () => {
  intake = await startFakeIntake();
});
afterEach(() => intake.close());

test('doctor passes every check on a good setup', async () => {
  const d = testDeployment('doc');
  d.write(['schedule: 1h', 'targets: { count: 3 }'], [`# datadog url set by env`]);
  const env = { DD_API_KEY: intake.apiKey, DD_URL: intake.url };
  expect((await cli(['schedules', 'sync', '--config', d.path], { registry, env })).code).toBe(0);
  const r = await cli(['doctor', '--config', d.path], { registry, env });
  expect(r.stdout.split('\n').filter(Boolean)).toEqual([
    `ok    config: ${d.path}, deployment ${d.name}, 1 collector(s) enabled (synthetic)`,
    expect.stringMatching(/^ok {4}temporal: 127\.0\.0\.1:\d+, namespace default$/),
    `ok    datadog: API key valid at ${intake.url}`,
    'ok    collector synthetic: synthetic source, 3 target(s)',
    'ok    schedules: 1 in sync with the config',
  ]);
  expect(r.code).toBe(0);
  const { client, close } = await testClient();
  await client.schedule.getHandle(`${d.name}-collector-synthetic`).delete();
  await close();
});

test('doctor reports each broken part on its own line and exits 1', async () => {
  const d = testDeployment('bad');
  d.write(['schedule: 1h', 'targets: { count: 1 }', 'options: { probeError: "401 bad credentials" }']);
  // A wrong Datadog key; the schedule never synced.
  const r = await cli(['doctor', '--config', d.path], {
    registry,
    env: { DD_API_KEY: 'wrong-key-123', DD_URL: intake.url },
  });
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines[0]).toMatch(/^ok {4}config:/);
  expect(lines[1]).toMatch(/^ok {4}temporal:/);
  expect(lines.slice(2)).toEqual([
    `FAIL  datadog: Datadog API key rejected by ${intake.url} (HTTP 403): set DD_API_KEY (or the secret datadog/api-key) to an API key of the organisation on site datadoghq.com, or DD_SITE to its site`,
    'FAIL  collector synthetic: 401 bad credentials',
    `FAIL  schedules: ${d.name}-collector-synthetic would be created: run \`collectors schedules sync\``,
  ]);
  expect(r.stdout).not.toContain('wrong-key-123');
});

test('doctor says when Temporal is unreachable, and skips what depends on it', async () => {
  const d = testDeployment('down');
  // Port 1 on loopback: nothing listens there.
  const r = await cli(['doctor', '--config', d.path, '--timeout', '2s'], {
    registry,
    env: { TEMPORAL_ADDRESS: '127.0.0.1:1', DD_API_KEY: intake.apiKey, DD_URL: intake.url },
  });
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines[1]).toMatch(/^FAIL {2}temporal: /);
  expect(lines[2]).toBe(`ok    datadog: API key valid at ${intake.url}`);
  expect(lines[4]).toBe('FAIL  schedules: not checked: Temporal is unreachable');
});

test('a missing config file is one failed check; the others go on with the environment', async () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'collectors.yaml');
  const r = await cli(['doctor', '--config', missing], {
    registry,
    env: { TEMPORAL_ADDRESS: testAddress(), DD_API_KEY: intake.apiKey, DD_URL: intake.url },
  });
  expect(r.code).toBe(1);
  expect(r.stdout.split('\n').filter(Boolean)).toEqual([
    expect.stringMatching(
      new RegExp(`^FAIL {2}config: ${missing}: no such file \\(${missing}\\): create it`),
    ),
    `ok    temporal: ${testAddress()}, namespace default`,
    `ok    datadog: API key valid at ${intake.url}`,
    'FAIL  schedules: not checked: no config file to compare with',
  ]);
  expect(r.stderr).toBe('');
});

test('an invalid config file fails its check with every problem on the one line', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'doctor-')), 'collectors.yaml');
  writeFileSync(file, 'cycle: { batchSize: -1 }\ncollectors:\n  jira: {}\n');
  const r = await cli(['doctor', '--config', file], {
    registry,
    env: { TEMPORAL_ADDRESS: testAddress(), DD_API_KEY: intake.apiKey, DD_URL: intake.url },
  });
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines[0]).toMatch(
    new RegExp(
      `^FAIL {2}config: ${file}: cycle\\.batchSize: .*; ${file}: collectors\\.jira: unknown collector`,
    ),
  );
  expect(lines.slice(1)).toEqual([
    `ok    temporal: ${testAddress()}, namespace default`,
    `ok    datadog: API key valid at ${intake.url}`,
    'FAIL  schedules: not checked: no config file to compare with',
  ]);
});
