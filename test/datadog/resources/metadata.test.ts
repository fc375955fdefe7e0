import {
  collectorMetricMetadata,
  metricMetadata,
  perUnitOf,
  shortNameOf,
} from '../../../src/datadog/resources/metadata';
import { registry } from '../../../src/collectors/registry';
import { healthCatalog } from '../../../src/catalog/health';

function metadataOf(collector: string, name: string) {
  const catalog = registry.get(collector)!.catalog;
  const found = collectorMetricMetadata(catalog).get(name);
  if (found === undefined) throw new Error(`no metadata for ${name}`);
  return found;
}

describe('metric metadata from the catalogs', () => {
  it('covers every catalog metric and every health metric of each registered collector', () => {
    for (const collector of registry.values()) {
      const metadata = collectorMetricMetadata(collector.catalog);
      const expected = [
        ...collector.catalog.metrics.map((m) => m.name),
        ...healthCatalog(collector.name).metrics.map((m) => m.name),
      ];
      expect([...metadata.keys()].sort()).toEqual([...expected].sort());
      for (const m of metadata.values()) expect(m.type).toBe('gauge');
    }
  });

  it('maps a count to item, with the catalog description and a short name without the prefix', () => {
    const description = registry
      .get('github')!
      .catalog.metrics.find((m) => m.name === 'github.prs.open')!.description;
    expect(metadataOf('github', 'github.prs.open')).toEqual({
      type: 'gauge',
      unit: 'item',
      shortName: 'prs open',
      description,
    });
  });

  it('sends an hourly dollar figure as dollar per hour, a daily one per day, a monthly one without a per-unit', () => {
    // ec2.cost.running_hourly: unit dollar, name ends in `_hourly` → per hour.
    expect(metadataOf('ec2', 'ec2.cost.running_hourly')).toMatchObject({ unit: 'dollar', perUnit: 'hour' });
    expect(metadataOf('ec2', 'ec2.cost.spot_savings_hourly')).toMatchObject({
      unit: 'dollar',
      perUnit: 'hour',
    });
    // `daily_estimate` → per day.
    expect(metadataOf('ec2', 'ec2.cost.daily_estimate')).toMatchObject({ unit: 'dollar', perUnit: 'day' });
    // Datadog has no month unit: dollar alone.
    const monthly = metadataOf('ec2', 'ec2.cost.monthly_estimate');
    expect(monthly.unit).toBe('dollar');
    expect(monthly).not.toHaveProperty('perUnit');
  });

  it('sends commits per developer as item per user, and a unit without a Datadog equivalent as no unit', () => {
    expect(metadataOf('github', 'github.commits.per_developer_7d')).toMatchObject({
      unit: 'item',
      perUnit: 'user',
    });
    // wandb.runs.per_user_7d is in runs, which Datadog has no unit for: neither unit nor per-unit.
    const perUser = metadataOf('wandb', 'wandb.runs.per_user_7d');
    expect(perUser).not.toHaveProperty('unit');
    expect(perUser).not.toHaveProperty('perUnit');
    expect(metadataOf('github', 'github.code.lines_added_7d')).not.toHaveProperty('unit');
    expect(metadataOf('skypilot', 'skypilot.controller.up')).not.toHaveProperty('unit');
  });

  it('describes the health metrics with their own units and short names', () => {
    expect(metadataOf('asana', 'collector.asana.duration_seconds')).toMatchObject({
      type: 'gauge',
      unit: 'second',
      shortName: 'duration seconds',
      description: "Wall time of the cycle's collect phase.",
    });
    // group.success is a 0/1 flag: no unit.
    const success = metadataOf('asana', 'collector.asana.group.success');
    expect(success.shortName).toBe('group success');
    expect(success).not.toHaveProperty('unit');
  });

  it('reads rates only from the name', () => {
    expect(perUnitOf('x.cost.hourly')).toBe('hour');
    expect(perUnitOf('x.hourly_total')).toBeUndefined();
    expect(perUnitOf('x.runs.per_user_7d')).toBe('user');
    expect(perUnitOf('x.prs.avg_comments_per_pr')).toBeUndefined();
    expect(shortNameOf('skypilot.jobs.runtime_seconds.p99')).toBe('jobs runtime seconds p99');
    expect(
      metricMetadata({
        name: 'a.b',
        type: 'gauge',
        unit: 'gibibyte',
        description: 'd',
        group: 'g',
        tags: [],
        backfill: true,
      }),
    ).toEqual({
      type: 'gauge',
      unit: 'gibibyte',
      shortName: 'b',
      description: 'd',
    });
  });
});
