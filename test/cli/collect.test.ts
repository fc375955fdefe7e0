import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { githubCollector } from '../../src/collectors/github';
import { clearProcessCaches } from '../../src/collectors/github/client/caches';
import { skypilotCollector } from '../../src/collectors/skypilot';
import { startFakeIntake } from '../../src/fakes/datadog/intake';
import { startFakeGitHub } from '../../src/fakes/github';
import { generateDataset, startFakeSkyPilot } from '../../src/fakes/skypilot';
import { TOKEN } from '../collectors/github/context';
import { AS_OF, fixture } from '../collectors/github/fixture';
import { T } from '../collectors/skypilot/fixture';
import { cli } from '../support/cli';
import { skipThese, skippingCollector } from '../support/skipping-collector';

const NOW = new Date('2026-11-27T12:00:30Z');
// Values: (asOf seconds mod 1000) + target number + 1000 × group index (alpha 0 … delta 3).
// NOW = 1795780830 s → mod 1000 = 830.

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'collectors-cli-'));
}

test('collect --json prints only the data points of every unit, stamped with the slot', async () => {
  // DD_VERSION: the version tag, which defaults to the project's version.
  const r = await cli(['collect', 'synthetic', '--count', '2', '--json'], {
    now: NOW,
    env: { DD_VERSION: '3f9c2ab' },
  });
  expect(r.code).toBe(0);
  const points = JSON.parse(r.stdout) as DataPoint[];
  // 2 targets × 7 points (alpha: value, present_only, 2 × by_status; beta, gamma, delta: 1 each).
  expect(points).toHaveLength(14);
  expect(new Set(points.map((p) => p.timestamp))).toEqual(new Set([1795780830]));
  const beta1 = points.find((p) => p.metric === 'synthetic.beta.value' && p.tags.includes('target:t001'));
  // 830 + 1 + 1000.
  expect(beta1).toEqual({
    metric: 'synthetic.beta.value',
    type: 'gauge',
    value: 1831,
    timestamp: 1795780830,
    tags: ['collector:synthetic', 'env:dev', 'service:datadog-collectors', 'target:t001', 'version:3f9c2ab'],
    unit: 'item',
  });
  expect(points.some((p) => p.metric.startsWith('collector.'))).toBe(false);
});

test('collect --group and --as-of narrow the run', async () => {
  const r = await cli(
    ['collect', 'synthetic', '--count', '3', '--group', 'gamma', '--as-of', 'now-1h', '--json'],
    {
      now: NOW,
    },
  );
  expect(r.code).toBe(0);
  const points = JSON.parse(r.stdout) as DataPoint[];
  // now-1h = 1795777230 s → mod 1000 = 230; gamma of t002 = 230 + 2 + 2000.
  expect(points.map((p) => p.value).sort()).toEqual([2230, 2231, 2232]);
});

test('a failing unit exits 1, reports it, and still prints the other points', async () => {
  const r = await cli(['collect', 'synthetic', '--count', '2', '--fail', 'delta/t000', '--json'], {
    now: NOW,
  });
  expect(r.code).toBe(1);
  expect((JSON.parse(r.stdout) as DataPoint[]).length).toBe(13);
  expect(r.stderr).toContain(
    'failed delta t000: scripted failure of delta/t000. Fix: fix the synthetic settings',
  );
  // Said once, in the summary: not also as a log line.
  expect(r.stderr.split('scripted failure of delta/t000')).toHaveLength(2);
});

test("a collector's skipUnits leaves units out: no point, no failure, one line per reason", async () => {
  const collector = skippingCollector((units) => [
    ...skipThese('rate budget spent until 12:30', 'beta/t000', 'beta/t001')(units),
    ...skipThese('unchanged since the last cycle', 'delta/t001')(units),
  ]);
  const r = await cli(['collect', 'synthetic', '--count', '2', '--json'], {
    now: NOW,
    registry: new Map([['synthetic', collector]]),
  });
  expect(r.code).toBe(0);
  const points = JSON.parse(r.stdout) as DataPoint[];
  // 2 × 7 points less beta of both targets and delta of t001.
  expect(points).toHaveLength(11);
  expect(points.filter((p) => p.metric === 'synthetic.beta.value')).toEqual([]);
  // delta of t000: 830 + 0 + 3000.
  expect(points.filter((p) => p.metric === 'synthetic.delta.value').map((p) => p.value)).toEqual([3830]);
  // 8 units planned, 3 skipped: 5 ran.
  expect(r.stderr).toContain(
    'synthetic: 5 unit(s), 5 ok, 0 failed, 3 skipped; 11 point(s) as of 2026-11-27T12:00:30.000Z (manual)\n' +
      '  skipped 2 unit(s): rate budget spent until 12:30\n' +
      '  skipped 1 unit(s): unchanged since the last cycle\n',
  );
});

test('without --json the dry run prints a table and writes JSON lines to a file it names', async () => {
  const cwd = process.cwd();
  const dir = tempDir();
  process.chdir(dir);
  try {
    const r = await cli(['collect', 'synthetic', '--count', '1'], { now: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /dry run: 7 points \(not sent to Datadog\), written to .*points-2026-11-27\.jsonl/,
    );
    expect(r.stdout).toContain('synthetic.delta.value');
    expect(r.stderr).toContain(
      'synthetic: 4 unit(s), 4 ok, 0 failed; 7 point(s) as of 2026-11-27T12:00:30.000Z (manual)',
    );
  } finally {
    process.chdir(cwd);
  }
});

test('collect --push sends the points and health (mode:manual) to Datadog', async () => {
  const intake = await startFakeIntake();
  try {
    const r = await cli(['collect', 'synthetic', '--count', '1', '--push'], {
      env: { DD_API_KEY: intake.apiKey, DD_URL: intake.url, DD_ENV: 'staging' },
    });
    expect(r.code).toBe(0);
    const data = intake.series.filter((s) => s.metric.startsWith('synthetic.'));
    const health = intake.series.filter((s) => s.metric.startsWith('collector.synthetic.'));
    expect(data).toHaveLength(7);
    // 5 cycle gauges + 4 group.skipped (one per group, 0) + 4 group.success points (one per unit).
    expect(health).toHaveLength(13);
    expect(health.every((s) => s.tags?.includes('mode:manual') && s.tags.includes('env:staging'))).toBe(true);
    expect(health.find((s) => s.metric === 'collector.synthetic.metric_count')?.points[0]?.value).toBe(7);
  } finally {
    await intake.close();
  }
});

test('collect reads its targets from a config file', async () => {
  const dir = tempDir();
  const file = join(dir, 'collectors.yaml');
  writeFileSync(file, 'datadog: { env: prod }\ncollectors:\n  synthetic:\n    targets: { count: 4 }\n');
  const r = await cli(['collect', 'synthetic', '--config', file, '--group', 'alpha', '--json'], { now: NOW });
  expect(r.code).toBe(0);
  const points = JSON.parse(r.stdout) as DataPoint[];
  // 4 targets × 4 alpha points, all tagged env:prod.
  expect(points).toHaveLength(16);
  expect(points.every((p) => p.tags.includes('env:prod'))).toBe(true);
});

describe('collector flags with a config file: the flags replace the targets, the options still apply', () => {
  afterEach(() => clearProcessCaches());

  test('github --repo keeps apiUrl, the workflows and botLogins of the config', async () => {
    const gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
    try {
      const file = join(tempDir(), 'collectors.yaml');
      writeFileSync(
        file,
        [
          'collectors:',
          '  github:',
          '    targets: { repos: [acme/empty] }',
          '    options:',
          `      apiUrl: ${gh.url}`,
          '      testWorkflows: [Tests]',
          '      benchmarkWorkflows: [bench.yml]',
          '      botLogins: [release-robot]',
          '',
        ].join('\n'),
      );
      const r = await cli(['collect', 'github', '--config', file, '--repo', 'acme/widgets', '--json'], {
        env: { GITHUB_TOKEN: TOKEN },
        registry: new Map([['github', githubCollector]]),
        now: AS_OF,
      });
      expect(r.stderr).toContain('github: 5 unit(s), 5 ok, 0 failed');
      expect(r.code).toBe(0);
      const points = JSON.parse(r.stdout) as DataPoint[];
      const value = (metric: string) => points.find((p) => p.metric === metric)?.value;
      // The flag's repo only, not the configured acme/empty.
      expect(new Set(points.flatMap((p) => p.tags.filter((t) => t.startsWith('repo:'))))).toEqual(
        new Set(['repo:acme/widgets']),
      );
      expect(gh.requests.some((req) => req.path.includes('acme/empty'))).toBe(false);
      // Derived in test/collectors/github/ci.test.ts: Tests on main, newest judged run 1 succeeded;
      // bench.yml's run 5 on main failed. Both absent unless the configured workflows apply.
      expect(value('github.ci.tests_passing_on_main')).toBe(1);
      expect(value('github.ci.benchmarks_passing')).toBe(0);
      // Authors in W (commits.test.ts): alice, bob, carol, and release-robot (c9), a bot only because
      // botLogins says so: 3 developers, not 4.
      expect(value('github.developers.active_7d')).toBe(3);
    } finally {
      await gh.close();
    }
  });

  test('skypilot --server/--url keeps the pageSize of the config', async () => {
    const sky = await startFakeSkyPilot({ dataset: generateDataset({ jobs: 25, now: T }), now: () => T });
    try {
      const file = join(tempDir(), 'collectors.yaml');
      writeFileSync(
        file,
        'collectors:\n  skypilot:\n    targets: [{ name: prod, url: "http://127.0.0.1:9" }]\n    options: { pageSize: 10 }\n',
      );
      const r = await cli(
        [
          'collect',
          'skypilot',
          '--config',
          file,
          '--server',
          'lab',
          '--url',
          sky.url,
          '--group',
          'jobs',
          '--json',
        ],
        { registry: new Map([['skypilot', skypilotCollector]]), now: new Date(T * 1000) },
      );
      expect(r.code).toBe(0);
      const points = JSON.parse(r.stdout) as DataPoint[];
      expect(points.length).toBeGreaterThan(0);
      expect(points.every((p) => p.tags.includes('skypilot_server:lab'))).toBe(true);
      // 25 jobs at the configured 10 a page: pages 1, 2 and 3 (the default, 1,000, would need one).
      const limits = sky.requests
        .filter((req) => req.path === '/jobs/queue/v2')
        .map((req) => req.body as { page: number; limit: number });
      expect(limits.map((b) => b.limit)).toEqual([10, 10, 10]);
      expect(limits.map((b) => b.page).sort()).toEqual([1, 2, 3]);
    } finally {
      await sky.close();
    }
  });
});
