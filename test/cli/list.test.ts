import { cli } from '../support/cli';

test('list prints each collector with a custom-metric cardinality estimate', async () => {
  const r = await cli(['list', '--targets', '10']);
  expect(r.code).toBe(0);
  // synthetic: 6 metrics; 5 untagged + by_status × 2 statuses = 7 series per target → 70 for 10 targets.
  // Health: 5 cycle gauges × 3 modes + 4 groups × 10 targets × 3 modes = 135.
  expect(r.stdout).toMatch(/^synthetic\s+1m\s+alpha,beta,gamma,delta\s+6\s+5\s+70 \+ 135 health$/m);
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
      // 15 + 4 groups × 1 target × 3 modes.
      healthMetrics: 27,
    },
  ]);
});
