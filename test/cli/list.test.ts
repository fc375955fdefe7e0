import type { CatalogListing } from '../../src/cli/list';
import { cli } from '../support/cli';

test('list prints each collector with a custom-metric cardinality estimate, the health figure explained', async () => {
  const r = await cli(['list', '--targets', '10']);
  expect(r.code).toBe(0);
  // synthetic: 6 metrics; 5 untagged + by_status × 2 statuses = 7 series per target → 70 for 10 targets.
  // Health: 5 cycle gauges × 3 modes + group.skipped × 4 groups × 3 modes + group.success × 4 groups ×
  // 10 targets × 3 modes = 15 + 12 + 120 = 147.
  expect(r.stdout).toMatch(/^synthetic\s+1m\s+alpha,beta,gamma,delta\s+6\s+5\s+70 \+ 147 health$/m);
  expect(r.stdout).toContain(
    '  synthetic: 5 cycle gauges × 3 modes + 1 group gauge (group.skipped) × 4 groups × 3 modes + ' +
      '1 unit gauge (group.success) × 4 groups × 10 target(s) × 3 modes = 147\n',
  );
});

test('list --json gives the same figures as data', async () => {
  const r = await cli(['list', '--json']);
  expect(JSON.parse(r.stdout)).toEqual([
    {
      name: 'synthetic',
      description: 'Test collector with scripted behaviour.',
      defaultSchedule: '1m',
      groups: ['alpha', 'beta', 'gamma', 'delta'],
      metrics: 6,
      backfillable: 5,
      targets: 1,
      customMetrics: 7,
      // 15 + 4 groups × 3 modes + 4 groups × 1 target × 3 modes.
      healthMetrics: 39,
    },
  ]);
});

test('list <collector> prints every metric of its catalog, then its health metrics', async () => {
  const r = await cli(['list', 'synthetic']);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines.slice(0, 2)).toEqual([
    'synthetic: Test collector with scripted behaviour.',
    'Default schedule 1m; groups alpha, beta, gamma, delta.',
  ]);
  // Columns: metric, group, unit, tags, B, description (two spaces apart, padded).
  const row = (metric: string) => lines.find((l) => l.startsWith(`${metric} `))?.split(/ {2,}/);
  expect(row('metric')).toEqual(['metric', 'group', 'unit', 'tags', 'B', 'description']);
  expect(row('synthetic.alpha.by_status')).toEqual([
    'synthetic.alpha.by_status',
    'alpha',
    'count',
    'status (ok, bad)',
    'B',
    'A value per status.',
  ]);
  // Not backfillable: the B column is blank.
  expect(row('synthetic.alpha.present_only')).toEqual([
    'synthetic.alpha.present_only',
    'alpha',
    'count',
    '-',
    'A state-of-now value that cannot be backfilled.',
  ]);
  expect(row('collector.synthetic.group.success')).toEqual([
    'collector.synthetic.group.success',
    'health',
    '0/1',
    'mode (scheduled, manual, backfill), group (alpha, beta, gamma, delta)',
    'B',
    '1 if that unit (group × target) succeeded, 0 if it failed; tagged `group` and the target tags.',
  ]);
  // 6 metrics and 7 health metrics, each on one line.
  expect(lines.filter((l) => l.startsWith('synthetic.'))).toHaveLength(6);
  expect(lines.filter((l) => l.startsWith('collector.synthetic.'))).toHaveLength(7);
  expect(r.stdout).toContain(
    'Every point also carries collector:synthetic, env, service, version, the configured tags ' +
      '(datadog.tags, targetTags) and the target tags target.',
  );
  expect(r.stdout).toContain(
    'Custom metrics for 1 target(s): 7 + 39 health (5 cycle gauges × 3 modes + ' +
      '1 group gauge (group.skipped) × 4 groups × 3 modes + ' +
      '1 unit gauge (group.success) × 4 groups × 1 target(s) × 3 modes = 39).',
  );
});

test('list <collector> --json is the same catalog as data', async () => {
  const r = await cli(['list', 'synthetic', '--json', '--targets', '2']);
  expect(r.code).toBe(0);
  const listing = JSON.parse(r.stdout) as CatalogListing;
  expect(listing).toMatchObject({
    name: 'synthetic',
    defaultSchedule: '1m',
    targetTags: ['target'],
    targets: 2,
    // 7 series per target × 2; health 15 + 4 groups × 3 modes + 4 groups × 2 targets × 3 modes = 51.
    customMetrics: 14,
    healthMetrics: 51,
  });
  expect(listing.groups.map((g) => g.name)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  expect(listing.metrics.map((m) => m.name)).toEqual([
    'synthetic.alpha.value',
    'synthetic.alpha.by_status',
    'synthetic.alpha.present_only',
    'synthetic.beta.value',
    'synthetic.gamma.value',
    'synthetic.delta.value',
  ]);
  expect(listing.metrics[1]).toEqual({
    name: 'synthetic.alpha.by_status',
    group: 'alpha',
    type: 'gauge',
    unit: 'count',
    tags: [{ key: 'status', values: ['ok', 'bad'] }],
    backfill: true,
    description: 'A value per status.',
  });
  expect(listing.metrics[2]).toMatchObject({ name: 'synthetic.alpha.present_only', backfill: false });
  expect(listing.health.map((m) => m.name)).toEqual([
    'collector.synthetic.duration_seconds',
    'collector.synthetic.error_count',
    'collector.synthetic.metric_count',
    'collector.synthetic.invalid_points',
    'collector.synthetic.points_dropped',
    'collector.synthetic.group.success',
    'collector.synthetic.group.skipped',
  ]);
});

test('list of an unknown collector names the known ones and exits 2', async () => {
  const unknown = await cli(['list', 'jira']);
  expect(unknown.code).toBe(2);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr).toBe(
    'error: unknown collector: jira (this build has synthetic; `collectors list` shows them)\n',
  );
  const planned = await cli(['list', 'asana', '--json']);
  expect(planned.code).toBe(2);
  expect(planned.stderr).toBe(
    'error: collector not implemented yet: asana (this build has synthetic; `collectors list` shows them)\n',
  );
});
