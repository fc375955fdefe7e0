import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { memoryLogger } from '../../src/log';
import { projectRoot } from '../../src/util/paths';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { cli } from '../support/cli';
import { registry, testDeployment, withDeploymentWorker, type TestDeployment } from '../support/deployment';
import { testAddress, testClient } from '../support/temporal';

const run = (args: string[]) => cli(args, { registry });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let intake: FakeIntake;
beforeEach(async () => {
  intake = await startFakeIntake();
});
afterEach(() => intake.close());

const sink = () => createDatadogSink({ apiKey: intake.apiKey, url: intake.url, log: memoryLogger('warn') });
const dataTimestamps = () =>
  [
    ...new Set(
      intake.series.filter((s) => s.metric.startsWith('synthetic.')).map((s) => s.points[0]!.timestamp),
    ),
  ].sort();
const healthModes = () =>
  intake.series
    .filter((s) => s.metric === 'collector.synthetic.metric_count')
    .map((s) => s.tags?.find((t) => t.startsWith('mode:')));

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deleteSchedule(d: TestDeployment) {
  const { client, close } = await testClient();
  await client.schedule
    .getHandle(`${d.name}-collector-synthetic`)
    .delete()
    .catch(() => undefined);
  await close();
}

test('a schedule fires and its points reach the intake, stamped with the slot', async () => {
  const d = testDeployment('fire');
  d.write(['schedule: 5s', 'targets: { count: 2 }']);
  await withDeploymentWorker(d, sink(), async () => {
    expect((await run(['schedules', 'sync', '--config', d.path])).code).toBe(0);
    // 2 targets × 7 points per slot; wait for the first slot's health.
    await until('a scheduled cycle', () => healthModes().length > 0, 20_000);
    await deleteSchedule(d);
  });
  const [slot] = dataTimestamps();
  // Interval schedules fire on multiples of the interval since the epoch: every 5 s.
  expect(slot! % 5).toBe(0);
  expect(
    intake.series.filter((s) => s.points[0]!.timestamp === slot && s.metric.startsWith('synthetic.')),
  ).toHaveLength(14);
  expect(healthModes()[0]).toBe('mode:scheduled');
});

test('trigger runs a scheduled cycle now', async () => {
  const d = testDeployment('trig');
  d.write(['schedule: 1h', 'targets: { count: 1 }']);
  await withDeploymentWorker(d, sink(), async () => {
    await run(['schedules', 'sync', '--config', d.path]);
    const r = await run(['trigger', 'synthetic', '--config', d.path]);
    expect(r.stdout).toBe(`${d.name}-collector-synthetic: triggered\n`);
    await until('the triggered cycle', () => healthModes().length > 0, 20_000);
    await deleteSchedule(d);
  });
  expect(healthModes()).toEqual(['mode:scheduled']);
});

test('`temporal schedule backfill --overlap-policy AllowAll` of 3 past slots gives 3 backfill cycles', async () => {
  const d = testDeployment('bf');
  d.write(['schedule: 1h', 'historicalIngestion: { enabled: true }', 'targets: { count: 1 }']);
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  // Hourly slots at hour−4h, −3h and −2h: each older than one interval, so each is a backfill.
  const start = new Date(hour - 4 * HOUR - HOUR / 2).toISOString();
  const end = new Date(hour - HOUR - HOUR / 2).toISOString();
  await withDeploymentWorker(d, sink(), async () => {
    await run(['schedules', 'sync', '--config', d.path]);
    const temporal = join(projectRoot(), '.tools', 'bin', 'temporal');
    await promisify(execFile)(temporal, [
      'schedule',
      'backfill',
      '--address',
      testAddress(),
      '--schedule-id',
      `${d.name}-collector-synthetic`,
      '--start-time',
      start,
      '--end-time',
      end,
      '--overlap-policy',
      'AllowAll',
    ]);
    await until('3 backfilled cycles', () => healthModes().length >= 3, 30_000);
    await deleteSchedule(d);
  });
  expect(dataTimestamps()).toEqual([hour - 4 * HOUR, hour - 3 * HOUR, hour - 2 * HOUR].map((t) => t / 1000));
  expect(healthModes()).toEqual(['mode:backfill', 'mode:backfill', 'mode:backfill']);
  const metrics = new Set(intake.series.map((s) => s.metric));
  expect(metrics.has('synthetic.alpha.value')).toBe(true);
  expect(metrics.has('synthetic.alpha.present_only')).toBe(false);
});

test('collectors backfill paces one cycle per step and reports progress', async () => {
  const d = testDeployment('paced');
  d.write(['schedule: 1h', 'historicalIngestion: { enabled: true }', 'targets: { count: 1 }']);
  const day = Math.floor(Date.now() / DAY) * DAY;
  const from = new Date(day - 3 * DAY).toISOString();
  const to = new Date(day - DAY).toISOString();
  const r = await withDeploymentWorker(d, sink(), () =>
    run([
      'backfill',
      'synthetic',
      '--config',
      d.path,
      '--from',
      from,
      '--to',
      to,
      '--step',
      '1d',
      '--poll',
      '100ms',
    ]),
  );
  expect(r.code).toBe(0);
  // 3 daily slots × 1 target × 6 backfillable series (alpha value, 2 × by_status, beta, gamma, delta).
  expect(r.stderr).toContain(
    '3 slot(s) × 1 target(s) × 6 backfillable series ≈ 18 points, 2 cycle(s) at a time',
  );
  expect(r.stderr).toContain('[3/3] 0 failed, 18 points sent');
  expect(dataTimestamps()).toEqual([day - 3 * DAY, day - 2 * DAY, day - DAY].map((t) => t / 1000));
  expect(healthModes()).toEqual(['mode:backfill', 'mode:backfill', 'mode:backfill']);
});

test('backfill is refused without Historical Metrics Ingestion, saying why', async () => {
  const d = testDeployment('nohmi');
  const r = await run(['backfill', 'synthetic', '--config', d.path, '--from', 'now-3d', '--to', 'now-1d']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    'backfill refused: Datadog drops points older than one hour unless Historical Metrics Ingestion',
  );
  expect(r.stderr).toContain('collectors.synthetic.historicalIngestion.enabled: true');
});
