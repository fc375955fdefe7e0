import { checkCatalog } from '../../src/catalog/check';
import { metric, rollupMetric } from '../../src/catalog/declare';
import { metricTable } from '../../src/catalog/docs';
import type { Catalog, MetricDef } from '../../src/catalog/model';
import { checkPoints, toDataPoints } from '../../src/catalog/points';

const median = metric({
  name: 'demo.prs.median_hours',
  unit: 'hour',
  group: 'pulls',
  backfill: true,
  description: 'Median of something, in hours; absent when none.',
});
const open = metric({
  name: 'demo.prs.open',
  unit: 'count',
  group: 'pulls',
  backfill: false,
  description: 'Open PRs.',
});

function demo(
  metrics: readonly MetricDef[],
  rollup: Catalog['rollup'] | null = { key: 'org', description: 'an org' },
): Catalog {
  return {
    collector: 'demo',
    targetTags: { repo: { description: 'The repo.' }, org: { description: 'The org.' } },
    tags: {},
    groups: [{ name: 'pulls', description: 'PRs.', timeout: '1m' }],
    metrics,
    ...(rollup ? { rollup } : {}),
  };
}

test('a roll-up metric takes its counterpart unit, group, tags and backfill, under <collector>.<key>.', () => {
  const org = rollupMetric('org', median, 'Over every repo of the org');
  expect(org).toEqual({
    name: 'demo.org.prs.median_hours',
    type: 'gauge',
    unit: 'hour',
    group: 'pulls',
    tags: [],
    backfill: true,
    description: 'Over every repo of the org: median of something, in hours; absent when none.',
    rollupOf: 'demo.prs.median_hours',
  });
  expect(checkCatalog(demo([median, open, org]))).toEqual([]);
});

test('the self-check holds roll-ups to their counterparts and keeps the key namespace for them', () => {
  const org = rollupMetric('org', median, 'Over the org');
  expect(
    checkCatalog(
      demo([
        median,
        open,
        { ...org, unit: 'minute', backfill: false },
        { ...org, name: 'demo.org.prs.other', rollupOf: 'demo.prs.gone' },
        { ...org, name: 'demo.team.prs.median_hours' },
        { ...open, name: 'demo.org.prs.open' },
      ]),
    ),
  ).toEqual([
    "demo: metric demo.org.prs.median_hours: unit minute differs from its counterpart's (hour)",
    "demo: metric demo.org.prs.median_hours: backfill false differs from its counterpart's (true)",
    'demo: metric demo.org.prs.other: rollupOf "demo.prs.gone" is not declared',
    'demo: metric demo.team.prs.median_hours: the roll-up of demo.prs.median_hours must be named demo.org.prs.median_hours',
    'demo: metric demo.org.prs.open: a name under "demo.org." is a roll-up\'s: declare its rollupOf',
  ]);
  expect(checkCatalog(demo([median, org], null))).toEqual([
    'demo: metric demo.org.prs.median_hours: rolls up, but the catalog declares no rollup key',
  ]);
  expect(checkCatalog(demo([median], { key: 'team', description: 'a team' }))).toEqual([
    'demo: rollup key team: is not a target tag of the catalog',
    'demo: rollup: declared, but no metric rolls up',
  ]);
});

test('a unit may not emit a roll-up metric, nor a roll-up a per-target one', () => {
  const org = rollupMetric('org', median, 'Over the org');
  const catalog = demo([median, open, org]);
  const points = [
    { metric: 'demo.prs.median_hours', value: 1 },
    { metric: 'demo.org.prs.median_hours', value: 2 },
  ];
  const unit = checkPoints(catalog, points, { group: 'pulls', backfill: false });
  expect(unit.valid).toEqual([points[0]]);
  expect(unit.invalid.map((i) => i.reason)).toEqual([
    'metric demo.org.prs.median_hours is a roll-up metric, emitted by a unit',
  ]);
  const rollup = checkPoints(catalog, points, { group: 'pulls', backfill: false, rollup: true });
  expect(rollup.valid).toEqual([points[1]]);
  expect(rollup.invalid.map((i) => i.reason)).toEqual([
    'metric demo.prs.median_hours is not a roll-up metric, emitted by a roll-up',
  ]);
  // Stamped with the key tag only.
  const [wire] = toDataPoints(catalog, rollup.valid, {
    asOf: new Date('2026-01-01T00:00:00Z'),
    commonTags: ['collector:demo'],
    targetTags: { org: 'Acme' },
  });
  expect(wire?.tags).toEqual(['collector:demo', 'org:acme']);
});

test('the docs say which target tags a roll-up metric carries', () => {
  const table = metricTable(demo([median, open, rollupMetric('org', median, 'Over the org')]));
  expect(table).toContain(
    '| `demo.org.prs.median_hours` | pulls | hours | – | B | Over the org: median of something',
  );
  expect(table).toContain(
    'the target tags `repo`, `org`; a roll-up metric (`demo.org.…`) carries only `org` of them (no `targetTags`), and describes an org at once.',
  );
});
