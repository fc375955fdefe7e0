/** The catalog: valid, and exactly the names dashboards depend on (docs/metrics.md#names). */
import { assertCatalog } from '../../../src/catalog/check';
import { estimateCardinality } from '../../../src/catalog/cardinality';
import { skypilotCatalog } from '../../../src/collectors/skypilot';

test('passes the catalog self-check', () => {
  expect(() => assertCatalog(skypilotCatalog)).not.toThrow();
});

test('declares the 34 SkyPilot metrics dashboards depend on, all gauges, with their groups', () => {
  const names = (group: string) =>
    skypilotCatalog.metrics.filter((m) => m.group === group).map((m) => m.name);
  expect(names('clusters')).toEqual(['skypilot.clusters.active']);
  expect(names('jobs').sort()).toEqual(
    [
      'controller.up',
      'jobs.running',
      'jobs.queued',
      'jobs.recovering',
      'jobs.failed',
      'jobs.failed_7d',
      'jobs.succeeded',
      'jobs.cancelled',
      ...['min', 'max', 'avg', 'p50', 'p90', 'p99'].map((s) => `jobs.runtime_seconds.${s}`),
      ...['0_1h', '1_4h', '4_24h', 'over_24h'].map((b) => `jobs.runtime_buckets.${b}`),
      'resources.gpus.l4_count',
      'resources.gpus.a10g_count',
      'resources.gpus.h100_count',
      'resources.gpus.total_count',
      'resources.gpus.count',
      'resources.spot_jobs',
      'resources.ondemand_jobs',
      'jobs.with_recoveries',
      'jobs.recovery_count.avg',
      'jobs.recovery_count.max',
      'regions.us_east_1',
      'regions.us_west_2',
      'regions.other',
      'jobs.by_region',
      'users.active_count',
    ]
      .map((n) => `skypilot.${n}`)
      .sort(),
  );
  expect(skypilotCatalog.metrics).toHaveLength(34);
  expect(new Set(skypilotCatalog.metrics.map((m) => m.type))).toEqual(new Set(['gauge']));
});

test('backfill only where the value can be computed for a past asOf from end_at / submitted_at', () => {
  expect(
    skypilotCatalog.metrics
      .filter((m) => m.backfill)
      .map((m) => m.name)
      .sort(),
  ).toEqual(
    ['jobs.cancelled', 'jobs.failed', 'jobs.failed_7d', 'jobs.succeeded', 'users.active_count'].map(
      (n) => `skypilot.${n}`,
    ),
  );
});

test('tagged families and the target tag', () => {
  const tagsOf = (name: string) => skypilotCatalog.metrics.find((m) => m.name === name)?.tags;
  expect(tagsOf('skypilot.resources.gpus.count')).toEqual(['gpu_type']);
  expect(tagsOf('skypilot.jobs.by_region')).toEqual(['region']);
  expect(Object.keys(skypilotCatalog.targetTags)).toEqual(['skypilot_server']);
  // 32 untagged + 8 GPU types + 6 regions, per server
  expect(estimateCardinality(skypilotCatalog, 2)).toMatchObject({ perTarget: 46, total: 92 });
});
