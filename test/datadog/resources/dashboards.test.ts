/**
 * The dashboards generated from the catalogs: the SkyPilot one derived by hand, every query parsed
 * back to catalog metrics and tags, template variables, the collector hook, and a normalized snapshot
 * of the whole JSON (`UPDATE_SNAPSHOTS=1` rewrites it).
 */
import type { v1 } from '@datadog/datadog-api-client';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthCatalog } from '../../../src/catalog/health';
import type { Catalog } from '../../../src/catalog/model';
import { registry } from '../../../src/collectors/registry';
import type { Collector } from '../../../src/collectors/types';
import {
  collectorDashboard as generatedDashboard,
  generateDashboards,
  healthDashboard,
  ownedDashboardKey,
} from '../../../src/datadog/resources/dashboards';

const collectorDashboard = (c: Collector<unknown>) => generatedDashboard(c, 'prod');
const all = [...registry.values()];

/** The fields of a widget definition these tests read, whatever its type. */
interface AnyDefinition {
  type: string;
  title?: string;
  widgets?: v1.Widget[];
  requests?: { q?: string; displayType?: string; aggregator?: string }[];
  customUnit?: string;
  yaxis?: { label?: string };
}

const def = (w: v1.Widget) => w.definition as unknown as AnyDefinition;
const groupsOf = (d: v1.Dashboard) => d.widgets.map(def);
const queriesOf = (w: v1.Widget): string[] => [
  ...(def(w).requests ?? []).map((r) => r.q!),
  ...(def(w).widgets ?? []).flatMap(queriesOf),
];
/** A widget as `type aggregation:metric by {tags}`, the shape the expectations below are written in. */
function summary(w: v1.Widget): string {
  const d = def(w);
  const display = d.requests?.[0]?.displayType ? `/${d.requests[0].displayType}` : '';
  return `${d.type}${display} ${d.requests!.map((r) => r.q).join(' | ')}`;
}

const skypilot = registry.get('skypilot')!;

describe('the SkyPilot dashboard', () => {
  const dashboard = collectorDashboard(skypilot);
  const [jobs, clusters, more] = groupsOf(dashboard);
  const widget = (group: AnyDefinition, metric: string) =>
    summary(group.widgets!.find((w) => queriesOf(w).some((q) => q.includes(`:${metric}{`)))!);

  test('one group per catalog group, in catalog order, then the hand-written widgets', () => {
    // The catalog declares the groups jobs and clusters; the collector has a dashboard hook.
    expect(groupsOf(dashboard).map((g) => [g.type, g.title])).toEqual([
      ['group', 'jobs'],
      ['group', 'clusters'],
      ['group', 'More on skypilot'],
    ]);
    expect(dashboard.title).toBe('[prod] Collector: skypilot');
    expect(dashboard.layoutType).toBe('ordered');
    expect(
      groupsOf(dashboard).every((g) => (g as unknown as v1.GroupWidgetDefinition).layoutType === 'ordered'),
    ).toBe(true);
    // Every metric of the jobs group has its widget: controller.up and 7 job counts (8), 6 runtime
    // stats (14), 4 runtime buckets (18), 3 GPU types, their total and the family by gpu_type (23),
    // spot and on-demand (25), with_recoveries and recovery_count avg and max (28), 3 regions and the
    // family by region (32), active users (33). Clusters has one.
    expect(jobs!.widgets).toHaveLength(33);
    expect(clusters!.widgets!.map(summary)).toEqual([
      'query_value sum:skypilot.clusters.active{$env,$skypilot_server}',
    ]);
  });

  test('each metric gets the widget its shape calls for', () => {
    const scope = '{$env,$skypilot_server}';
    // State of now, jobs (additive): a query value summing the servers.
    expect(widget(jobs!, 'skypilot.jobs.running')).toBe(`query_value sum:skypilot.jobs.running${scope}`);
    // A 0/1 flag is averaged, never summed.
    expect(widget(jobs!, 'skypilot.controller.up')).toBe(`query_value avg:skypilot.controller.up${scope}`);
    // A count that is a statistic (`.avg`, `.max`) and a duration percentile are averaged too.
    expect(widget(jobs!, 'skypilot.jobs.recovery_count.avg')).toBe(
      `query_value avg:skypilot.jobs.recovery_count.avg${scope}`,
    );
    expect(widget(jobs!, 'skypilot.jobs.runtime_seconds.p99')).toBe(
      `query_value avg:skypilot.jobs.runtime_seconds.p99${scope}`,
    );
    // A 7-day window series: a timeseries line.
    expect(widget(jobs!, 'skypilot.jobs.failed_7d')).toBe(
      `timeseries/line sum:skypilot.jobs.failed_7d${scope}`,
    );
    // Tagged families: a toplist by their own tag.
    expect(widget(jobs!, 'skypilot.resources.gpus.count')).toBe(
      `toplist top(sum:skypilot.resources.gpus.count${scope} by {gpu_type}, 10, 'last', 'desc')`,
    );
    expect(widget(jobs!, 'skypilot.jobs.by_region')).toBe(
      `toplist top(sum:skypilot.jobs.by_region${scope} by {region}, 10, 'last', 'desc')`,
    );
  });

  test("units come from the catalog's labels", () => {
    const find = (metric: string) =>
      def(jobs!.widgets!.find((w) => queriesOf(w).some((q) => q.includes(`:${metric}{`)))!);
    expect(find('skypilot.jobs.running').customUnit).toBe('jobs');
    expect(find('skypilot.jobs.runtime_seconds.p99').customUnit).toBe('seconds');
    expect(find('skypilot.jobs.failed_7d').yaxis?.label).toBe('jobs');
  });

  test("the hook's widgets come last: runtime buckets, percentiles against 48 h, spot vs on-demand", () => {
    expect(more!.widgets!.map((w) => def(w).title)).toEqual([
      'Running jobs by runtime',
      'Running jobs’ runtime p50, p90, p99',
      'Spot vs on-demand jobs',
    ]);
    const percentiles = more!.widgets![1]!.definition as v1.TimeseriesWidgetDefinition;
    // 48 h = 48 × 3600 s = 172800 s.
    expect(percentiles.markers).toEqual([expect.objectContaining({ value: 'y = 172800' })]);
    expect(queriesOf(more!.widgets![2]!)).toEqual([
      'sum:skypilot.resources.spot_jobs{$env,$skypilot_server}',
      'sum:skypilot.resources.ondemand_jobs{$env,$skypilot_server}',
    ]);
  });
});

test("GitHub's timeout cancellations, a tagged 7-day series, are stacked bars by reason", () => {
  const github = collectorDashboard(registry.get('github')!);
  const ci = groupsOf(github).find((g) => g.title === 'ci')!;
  const w = ci.widgets!.find((x) => queriesOf(x)[0]!.includes(':github.ci.timeout_cancellations_7d{'))!;
  expect(summary(w)).toBe(
    'timeseries/bars sum:github.ci.timeout_cancellations_7d{$env,$repo,$org} by {reason}',
  );
});

test("GitHub's organization metrics are one series per org, scoped by env and org only", () => {
  const github = collectorDashboard(registry.get('github')!);
  const pulls = groupsOf(github).find((g) => g.title === 'pulls')!;
  const w = pulls.widgets!.find((x) => queriesOf(x)[0]!.includes(':github.org.prs.cycle_time_hours{'))!;
  expect(summary(w)).toBe('timeseries/line avg:github.org.prs.cycle_time_hours{$env,$org} by {org}');
});

test("template variables: env, then the collector's target tags", () => {
  const variables = Object.fromEntries(
    generateDashboards(all, 'prod').map(({ key, body }) => [key, body.templateVariables!.map((v) => v.name)]),
  );
  expect(variables).toEqual({
    github: ['env', 'repo', 'org'],
    skypilot: ['env', 'skypilot_server'],
    wandb: ['env', 'entity', 'project'],
    ec2: ['env', 'account', 'region'],
    asana: ['env', 'workspace', 'project', 'project_gid'],
    health: ['env'],
  });
});

test('a collector without a hook gets only the generated groups', () => {
  const bare: Collector<unknown> = { ...skypilot, dashboard: undefined };
  expect(groupsOf(collectorDashboard(bare)).map((g) => g.title)).toEqual(['jobs', 'clusters']);
});

test('every dashboard says who owns it, in its description (v1 dashboard tags are team names only)', () => {
  for (const { key, body } of generateDashboards(all, 'prod')) {
    expect(body.description!.split('\n')[0]).toBe(
      `managed-by:datadog-collectors deployment:prod dashboard:${key}`,
    );
    expect(ownedDashboardKey(body.description, 'prod')).toBe(key);
    // Another deployment's, or a dashboard someone wrote, is not ours.
    expect(ownedDashboardKey(body.description, 'staging')).toBeUndefined();
    expect(body.tags).toBeUndefined();
  }
  expect(ownedDashboardKey('managed-by:datadog-collectors', 'prod')).toBeUndefined();
  expect(ownedDashboardKey(undefined, 'prod')).toBeUndefined();
});

/** `agg:metric{$a,$b} by {x,y}`, possibly inside `top(…, 10, 'last', 'desc')`. */
const QUERY =
  /^(?:top\()?(sum|avg|min|max):([a-z0-9_.]+)\{([^}]*)\}(?: by \{([^}]*)\})?(?:, 10, 'last', 'desc'\))?$/;

function checkQueries(d: v1.Dashboard, catalog: Catalog): void {
  const variables = new Set(d.templateVariables!.map((v) => `$${v.name}`));
  const queries = d.widgets.flatMap(queriesOf);
  expect(queries.length).toBeGreaterThan(0);
  for (const q of queries) {
    const match = QUERY.exec(q);
    expect(match && q).toBe(q);
    const [, , name, scope, by] = match!;
    const metric = catalog.metrics.find((m) => m.name === name);
    expect(metric && name).toBe(name);
    expect(scope!.split(',').filter((s) => !variables.has(s))).toEqual([]);
    const tags = new Set([...metric!.tags, ...Object.keys(catalog.targetTags)]);
    expect((by ? by.split(',') : []).filter((t) => !tags.has(t))).toEqual([]);
  }
}

test.each([...registry.keys()])(
  'every query of the %s dashboard names only its catalog metrics and tags',
  (name) => {
    const collector = registry.get(name)!;
    checkQueries(collectorDashboard(collector), collector.catalog);
  },
);

test('the health dashboard: per collector, its seven health metrics', () => {
  const d = healthDashboard([...registry.keys()], 'prod');
  expect(groupsOf(d).map((g) => g.title)).toEqual([...registry.keys()]);
  expect(def(d.widgets[1]!).widgets!.map(summary)).toEqual([
    'timeseries/line max:collector.skypilot.duration_seconds{$env}',
    'timeseries/bars sum:collector.skypilot.error_count{$env}',
    'timeseries/bars sum:collector.skypilot.metric_count{$env}',
    'timeseries/bars sum:collector.skypilot.points_dropped{$env}',
    'timeseries/bars sum:collector.skypilot.invalid_points{$env}',
    // min: a group failing for any one target shows 0.
    'timeseries/line min:collector.skypilot.group.success{$env} by {group}',
    // Units left out, per group: 0 in a cycle that skipped none.
    'timeseries/bars sum:collector.skypilot.group.skipped{$env} by {group}',
  ]);
  const catalog = {
    ...healthCatalog('x'),
    metrics: [...registry.keys()].flatMap((n) => healthCatalog(n).metrics),
  };
  checkQueries(d, catalog);
});

describe('snapshot', () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'dashboards.json');
  // Normalized: only the generated JSON, keys in a stable order, so a diff reads as a review.
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sortKeys(v)]),
          )
        : value;
  const actual = `${JSON.stringify(sortKeys(generateDashboards(all, 'prod').map((d) => d.body)), null, 2)}\n`;

  test('the generated dashboards match test/fixtures/dashboards.json (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, actual);
    expect(existsSync(file)).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
