import { healthCatalog } from '../../../src/catalog/health';
import { EVERY_GROUP } from '../../../src/catalog/model';
import { registry } from '../../../src/collectors/registry';
import {
  collectorMonitors,
  MANAGED_BY_TAG,
  monitorOptions,
  timeframe,
} from '../../../src/datadog/resources/monitors';

const options = monitorOptions({ deployment: 'prod', env: 'prod' });

function monitorsOf(name: string, schedule?: string) {
  return collectorMonitors(registry.get(name)!, options, schedule).map((m) => m.body);
}

function named(name: string, title: string, schedule?: string) {
  const found = monitorsOf(name, schedule).find((m) => m.name === `[prod] ${name}: ${title}`);
  if (found === undefined) throw new Error(`no monitor "${title}" for ${name}`);
  return found;
}

describe('monitors from the catalogs', () => {
  it('watches GitHub for no data over two 15-minute intervals', () => {
    // Default schedule 15m: 2 × 15 m = 30 m, both in the query and as the no-data timeframe.
    const noData = named('github', 'no data for 30m');
    expect(noData.query).toBe('max(last_30m):max:collector.github.metric_count{env:prod} < 0');
    expect(noData.type).toBe('query alert');
    expect(noData.options).toMatchObject({ notifyNoData: true, noDataTimeframe: 30 });
    expect(noData.tags).toEqual([
      MANAGED_BY_TAG,
      'deployment:prod',
      'collector:github',
      'monitor:github.no-data',
    ]);
  });

  it('derives the windows from the configured schedule, a cron too', () => {
    // Every 6 hours from a cron: 2 × 6 h = 12 h.
    expect(named('github', 'no data for 12h', '0 */6 * * *').query).toBe(
      'max(last_12h):max:collector.github.metric_count{env:prod} < 0',
    );
    // Asana's default 6h: 2 × 6 h = 12 h too.
    expect(named('asana', 'no data for 12h').options?.noDataTimeframe).toBe(720);
  });

  it('alerts on repeated errors, a failing unit, dropped and invalid points', () => {
    // SkyPilot runs every 10m: errors over 3 cycles = 30 m, above the default 5.
    expect(named('skypilot', 'repeated errors').query).toBe(
      'min(last_30m):sum:collector.skypilot.error_count{env:prod} > 5',
    );
    // A unit failing in 2 cycles of 10 m, by group and the target tag.
    expect(named('skypilot', 'a unit stopped succeeding').query).toBe(
      'max(last_20m):min:collector.skypilot.group.success{env:prod} by {group,skypilot_server} < 1',
    );
    // EC2's 5m: 2 × 5 m = 10 m.
    expect(named('ec2', 'points dropped').query).toBe(
      'max(last_10m):sum:collector.ec2.points_dropped{env:prod} > 0',
    );
    expect(named('ec2', 'invalid points').query).toBe(
      'max(last_10m):sum:collector.ec2.invalid_points{env:prod} > 0',
    );
  });

  it("adds each collector's own monitors, with overridable thresholds", () => {
    // 15m, one cycle; 10 % of 5,000 = 500.
    expect(named('github', 'GitHub rate limit under 10 %').query).toBe(
      'min(last_15m):min:github.api.rate_limit.remaining{env:prod} by {resource} < 500',
    );
    // 48 h = 172,800 s, over 2 cycles of 10 m.
    expect(named('skypilot', 'SkyPilot p99 job runtime over 48 h').query).toBe(
      'min(last_20m):max:skypilot.jobs.runtime_seconds.p99{env:prod} by {skypilot_server} > 172800',
    );
    expect(named('skypilot', 'SkyPilot jobs controller down').query).toBe(
      'max(last_20m):min:skypilot.controller.up{env:prod} by {skypilot_server} < 1',
    );
    // W&B every 30m, one cycle.
    expect(named('wandb', 'W&B crashed runs').query).toBe(
      'max(last_30m):sum:wandb.runs.crashed_7d{env:prod} by {entity,project} > 0',
    );
    const keyed = collectorMonitors(
      registry.get('ec2')!,
      monitorOptions({
        deployment: 'staging',
        env: 'stg',
        thresholds: { 'ec2.unattached-volumes-cost': 250 },
      }),
    ).find((m) => m.key === 'ec2.unattached-volumes-cost')!;
    const custom = keyed.body;
    expect(custom.name).toBe('[staging] ec2: EC2 unattached volumes cost');
    // 2 cycles of 5 m = 10 m; the override 250 replaces the default 100.
    expect(custom.query).toBe(
      'min(last_10m):sum:ec2.ebs.unattached_cost_monthly_estimate{env:stg} by {account,region} > 250',
    );
    expect(custom.options?.thresholds).toEqual({ critical: 250 });
    expect(custom.tags).toEqual([
      MANAGED_BY_TAG,
      'deployment:staging',
      'collector:ec2',
      'monitor:ec2.unattached-volumes-cost',
    ]);
    expect(named('asana', 'Asana overdue tasks').query).toBe(
      'max(last_6h):sum:asana.tasks.overdue{env:prod} by {workspace,project} > 10',
    );
  });

  it('appends the notification handles to every message', () => {
    const withHandles = collectorMonitors(
      registry.get('wandb')!,
      monitorOptions({ deployment: 'prod', env: 'prod', notify: ['@slack-ml', '@pagerduty-ml'] }),
    );
    for (const { body: m } of withHandles) expect(m.message).toMatch(/\n\n@slack-ml @pagerduty-ml$/);
    for (const m of monitorsOf('wandb')) expect(m.message).not.toContain('@');
  });

  it('writes windows in whole minutes or hours', () => {
    expect(timeframe(30_000)).toBe('last_1m');
    expect(timeframe(90 * 60_000)).toBe('last_90m');
    expect(timeframe(12 * 3_600_000)).toBe('last_12h');
  });

  it("gives each registered collector's own monitors unique ids", () => {
    for (const collector of registry.values()) {
      const ids = (collector.monitors ?? []).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('names in every query only catalog metrics and tags', () => {
    const common = new Set(['env', 'collector', 'service', 'version']);
    for (const collector of registry.values()) {
      const defs = new Map(
        [...collector.catalog.metrics, ...healthCatalog(collector.name).metrics].map((m) => [m.name, m]),
      );
      const targetTags = Object.keys(collector.catalog.targetTags);
      const monitors = monitorsOf(collector.name);
      // Five health monitors, then the collector's own.
      expect(monitors).toHaveLength(5 + (collector.monitors ?? []).length);
      for (const m of monitors) {
        const parsed =
          /^(avg|min|max|sum)\(last_\d+[mh]\):(avg|min|max|sum):([a-z0-9_.]+)\{([^}]*)\}(?: by \{([^}]*)\})? [<>]=? [\d.]+$/.exec(
            m.query,
          );
        expect(parsed).not.toBeNull();
        const [, , , metricName, scope, by] = parsed!;
        const def = defs.get(metricName!);
        expect(def).toBeDefined();
        // A metric's tags are its own, the target's (health's group.success carries those too),
        // the common ones, and `group` for a metric every group emits.
        const allowed = new Set([
          ...common,
          ...targetTags,
          ...def!.tags,
          ...(def!.group === EVERY_GROUP ? ['group'] : []),
        ]);
        const keys = [
          ...scope!.split(',').map((pair) => pair.split(':')[0]!),
          ...(by === undefined ? [] : by.split(',')),
        ];
        for (const key of keys)
          expect({ query: m.query, key, allowed: allowed.has(key) }).toEqual({
            query: m.query,
            key,
            allowed: true,
          });
        for (const pair of scope!.split(',')) {
          const [key, value] = pair.split(':');
          const values = key === 'env' ? undefined : (collector.catalog.tags[key!]?.values ?? undefined);
          if (values !== undefined) expect(values).toContain(value);
        }
      }
    }
  });
});
