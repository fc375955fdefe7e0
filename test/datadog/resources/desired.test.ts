/**
 * The desired state of a deployment's Datadog resources, from a config: the enabled collectors only,
 * their configured schedules, disabled monitors left out, thresholds and handles applied, and the
 * config refusing a threshold or a pattern that names no monitor.
 */
import { ConfigError, parseConfig } from '../../../src/config';
import { registry } from '../../../src/collectors/registry';
import { desiredResources, ownedMonitorKey } from '../../../src/datadog/resources/desired';
import { resourceOptionsFromConfig } from '../../../src/datadog/resources/options';

const config = (resources: Record<string, unknown> = {}) =>
  parseConfig(
    {
      deployment: 'prod',
      datadog: { env: 'production', resources },
      collectors: {
        github: { schedule: '30m', targets: { repos: ['acme/api'] } },
        skypilot: { enabled: false, targets: [{ name: 'main', url: 'https://sky.example.com' }] },
      },
    },
    { env: {}, registry, source: 'collectors.yaml', temporalProfile: false },
  );

const desired = (resources?: Record<string, unknown>) =>
  desiredResources(resourceOptionsFromConfig(config(resources), registry));

function issues(resources: Record<string, unknown>): string[] {
  try {
    config(resources);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

test('only the enabled collectors, on their configured schedule', () => {
  const d = desired();
  // GitHub enabled, SkyPilot disabled: its dashboard, the health dashboard.
  expect(d.dashboards.map((x) => x.key)).toEqual(['github', 'health']);
  expect(d.dashboards[0]!.body.title).toBe('[prod] Collector: github');
  // Five health monitors and GitHub's one.
  expect(d.monitors.map((m) => m.key)).toEqual([
    'github.no-data',
    'github.repeated-errors',
    'github.unit-failing',
    'github.points-dropped',
    'github.invalid-points',
    'github.rate-limit-low',
  ]);
  // 30m configured: no data for 2 × 30 m = 1 h, in the env of the config.
  expect(d.monitors[0]!.body.query).toBe(
    'max(last_1h):max:collector.github.metric_count{env:production} < 0',
  );
  // Every GitHub metric and its health metrics, each once.
  const names = d.metadata.map((m) => m.metric);
  expect(names).toContain('github.prs.open');
  expect(names).toContain('collector.github.error_count');
  expect(names.some((n) => n.startsWith('skypilot.'))).toBe(false);
  expect(new Set(names).size).toBe(names.length);
});

test('thresholds, handles, error settings and disabled monitors come from the config', () => {
  const d = desired({
    notify: ['@slack-ops'],
    errors: { threshold: 2, cycles: 4 },
    unitFailedCycles: 3,
    thresholds: { 'github.rate-limit-low': 300 },
    disable: ['*.invalid-points', 'github.points-*'],
  });
  expect(d.monitors.map((m) => m.key)).toEqual([
    'github.no-data',
    'github.repeated-errors',
    'github.unit-failing',
    'github.rate-limit-low',
  ]);
  const byKey = Object.fromEntries(d.monitors.map((m) => [m.key, m.body]));
  // 4 cycles of 30 m = 2 h, above 2.
  expect(byKey['github.repeated-errors']!.query).toBe(
    'min(last_2h):sum:collector.github.error_count{env:production} > 2',
  );
  // 3 cycles of 30 m = 90 m.
  expect(byKey['github.unit-failing']!.query).toMatch(/^max\(last_90m\):/);
  expect(byKey['github.rate-limit-low']!.query).toMatch(/ < 300$/);
  for (const m of d.monitors) expect(m.body.message).toMatch(/\n\n@slack-ops$/);
});

test('each kind can be left unmanaged', () => {
  const d = desired({ dashboards: false, metadata: false });
  expect(d.dashboards).toEqual([]);
  expect(d.metadata).toEqual([]);
  expect(d.monitors.length).toBe(6);
  expect(desired({ monitors: false }).monitors).toEqual([]);
});

test('a monitor is ours by its tags: managed-by, our deployment, and its key', () => {
  const [first] = desired().monitors;
  expect(ownedMonitorKey(first!.body, 'prod')).toBe('github.no-data');
  expect(ownedMonitorKey(first!.body, 'staging')).toBeUndefined();
  expect(ownedMonitorKey({ tags: ['deployment:prod', 'monitor:github.no-data'] }, 'prod')).toBeUndefined();
  expect(ownedMonitorKey({}, 'prod')).toBeUndefined();
});

test('the config refuses a threshold or a pattern that names no monitor, and a bad handle', () => {
  expect(
    issues({ thresholds: { 'github.rate-limit': 1 }, disable: ['gihub.*'], notify: ['slack-ops'] }),
  ).toEqual([
    expect.stringMatching(/^datadog\.resources\.notify\[0\]: must be a Datadog notification handle/),
    expect.stringMatching(
      /^datadog\.resources\.thresholds\.github\.rate-limit: no collector monitor is called "github\.rate-limit": use one of github\.rate-limit-low, /,
    ),
    expect.stringMatching(/^datadog\.resources\.disable\[0\]: "gihub\.\*" names no monitor/),
  ]);
});
