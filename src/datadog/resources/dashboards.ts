/**
 * Dashboards generated from the catalogs: one per collector, plus one "collectors health" dashboard.
 * Pure generation: the bodies are plain objects typed by the Datadog client's v1 models (type-only
 * imports, so the client does not load when the CLI starts), exactly as `POST /api/v1/dashboard` takes them.
 *
 * From each catalog: its groups become `group` widgets; a state-of-now gauge becomes a query value; a
 * `_7d` window series a timeseries; a metric with tags of its own (a tagged family) a toplist by those
 * tags, or stacked bars over time when it is a `_7d` series; a roll-up metric (`github.org.…`) a
 * series per value of its key. The catalog's unit labels the widget.
 * A collector adds hand-written widgets next to the generated ones with its `dashboard` hook.
 *
 * Ownership: the v1 Dashboard model documents `tags` as "team names representing ownership" (Datadog
 * accepts only `team:` tags there), so `managed-by:datadog-collectors` cannot be a dashboard tag. The
 * marker is the first line of the description instead, `managed-by:datadog-collectors
 * deployment:<name> dashboard:<key>` (ownerLine), which a later apply finds in the dashboard list.
 */
import type { v1 } from '@datadog/datadog-api-client';
import { EVERY_GROUP, UNITS, type Catalog, type MetricDef } from '../../catalog/model';
import { HEALTH_METRICS, type HealthSuffix } from '../../catalog/health';
import type { Collector } from '../../collectors/types';

/** Starts the first line of every generated dashboard's description: how an owned dashboard is recognized. */
export const DASHBOARD_OWNER_MARKER = 'managed-by:datadog-collectors';

/** The key of the health dashboard; a collector's dashboard has the collector's name as key. */
export const HEALTH_DASHBOARD_KEY = 'health';

/** A generated dashboard and its key (the collector's name, or HEALTH_DASHBOARD_KEY). */
export interface KeyedDashboard {
  readonly key: string;
  readonly body: v1.Dashboard;
}

/** The first line of the description of the dashboard `key` of `deployment`. */
export function ownerLine(deployment: string, key: string): string {
  return `${DASHBOARD_OWNER_MARKER} deployment:${deployment} dashboard:${key}`;
}

/** The key of a dashboard `deployment` owns, from its description; undefined for any other dashboard. */
export function ownedDashboardKey(description: string | undefined, deployment: string): string | undefined {
  const match = /^managed-by:datadog-collectors deployment:([a-z0-9-]+) dashboard:([a-z0-9-]+)$/.exec(
    (description ?? '').split('\n', 1)[0]!.trim(),
  );
  return match !== null && match[1] === deployment ? match[2] : undefined;
}

/** What the widgets of one dashboard filter on: its template variables, as a query scope. */
export interface DashboardScope {
  /** `$env,$repo,$org`: the inside of a query's `{…}`. */
  readonly filter: string;
  /** The template variables' names, `env` first. */
  readonly variables: readonly string[];
}

export type WidgetKind = 'query_value' | 'timeseries' | 'toplist' | 'stacked_bars';

/** Units whose values add up across targets (a count of jobs); the others are averaged (a %, a flag, a duration). */
const ADDITIVE = new Set<string>([
  'count',
  'item',
  'commit',
  'file',
  'job',
  'user',
  'run',
  'line',
  'gpu',
  'request',
  'dollar',
  'gibibyte',
  'gigabyte',
]);

/** The widget a metric gets, and why (docs of the rule in the module comment). */
export function widgetKindOf(m: MetricDef): WidgetKind {
  const series = m.name.endsWith('_7d');
  if (m.tags.length > 0) return series ? 'stacked_bars' : 'toplist';
  return series ? 'timeseries' : 'query_value';
}

/** A name segment saying the value is a statistic (`avg_comments_per_pr`, `recovery_count.max`): never summed. */
const STATISTIC = /(?:^|[._])(?:avg|mean|min|max|p\d{2}|per|rate|pct|oldest)(?:[._]|$)/;

/**
 * How a widget combines the series of several targets: counts of things add up (jobs on every
 * server); a statistic, a %, a flag or a duration is averaged.
 */
export function aggregationOf(m: MetricDef): 'sum' | 'avg' {
  return ADDITIVE.has(m.unit) && !STATISTIC.test(m.name) ? 'sum' : 'avg';
}

function scopeOf(catalog: Catalog): DashboardScope {
  const variables = ['env', ...Object.keys(catalog.targetTags)];
  return { variables, filter: variables.map((v) => `$${v}`).join(',') };
}

function templateVariables(scope: DashboardScope): v1.DashboardTemplateVariable[] {
  return scope.variables.map((name) => ({ name, prefix: name, availableValues: [], defaults: ['*'] }));
}

function query(m: MetricDef, scope: DashboardScope, by: readonly string[] = []): string {
  const q = `${aggregationOf(m)}:${m.name}{${scope.filter}}`;
  return by.length > 0 ? `${q} by {${by.join(',')}}` : q;
}

const unitLabel = (m: MetricDef): string => UNITS[m.unit].label;

/**
 * A roll-up metric (docs/metrics.md#roll-ups) is drawn per value of its key, `by {org}`, scoped by
 * `env` and the key only: one series per organization, never averaged with another's or filtered by
 * a repository it has no tag of.
 */
function rollupWidget(m: MetricDef, key: string, scope: DashboardScope): v1.Widget {
  const filter = scope.variables
    .filter((v) => v === 'env' || v === key)
    .map((v) => `$${v}`)
    .join(',');
  const q = `${aggregationOf(m)}:${m.name}{${filter}} by {${[...m.tags, key].join(',')}}`;
  return {
    definition: {
      type: 'timeseries',
      title: `${m.name} by ${key}`,
      description: m.description,
      showLegend: true,
      yaxis: { label: unitLabel(m), includeZero: true },
      requests: [{ q, displayType: 'line' }],
    },
  };
}

function metricWidget(m: MetricDef, scope: DashboardScope, rollupKey?: string): v1.Widget {
  if (m.rollupOf !== undefined && rollupKey !== undefined) return rollupWidget(m, rollupKey, scope);
  const title = m.name;
  const description = m.description;
  switch (widgetKindOf(m)) {
    case 'query_value':
      return {
        definition: {
          type: 'query_value',
          title,
          description,
          autoscale: true,
          precision: 2,
          customUnit: unitLabel(m),
          requests: [{ q: query(m, scope), aggregator: 'last' }],
        },
      };
    case 'timeseries':
      return {
        definition: {
          type: 'timeseries',
          title,
          description,
          showLegend: false,
          yaxis: { label: unitLabel(m), includeZero: true },
          requests: [{ q: query(m, scope), displayType: 'line' }],
        },
      };
    case 'toplist':
      return {
        definition: {
          type: 'toplist',
          title: `${title} by ${m.tags.join(', ')}`,
          description: `${description} (${unitLabel(m)})`,
          requests: [{ q: `top(${query(m, scope, m.tags)}, 10, 'last', 'desc')` }],
        },
      };
    case 'stacked_bars':
      return {
        definition: {
          type: 'timeseries',
          title: `${title} by ${m.tags.join(', ')}`,
          description,
          showLegend: true,
          yaxis: { label: unitLabel(m), includeZero: true },
          requests: [{ q: query(m, scope, m.tags), displayType: 'bars' }],
        },
      };
  }
}

function group(title: string, widgets: v1.Widget[]): v1.Widget {
  return { definition: { type: 'group', title, layoutType: 'ordered', showTitle: true, widgets } };
}

function description(deployment: string, key: string, text: string): string {
  return `${ownerLine(deployment, key)}\n\n${text} Generated from the catalog by datadog-collectors: edits in Datadog are overwritten.`;
}

/** The dashboard of one collector: a group per catalog group, then the collector's own widgets. */
export function collectorDashboard(collector: Collector<unknown>, deployment: string): v1.Dashboard {
  const { catalog } = collector;
  const scope = scopeOf(catalog);
  const live = catalog.metrics.filter((m) => !m.deprecated);
  const groups = catalog.groups
    .map((g) =>
      group(
        g.name,
        live.filter((m) => m.group === g.name).map((m) => metricWidget(m, scope, catalog.rollup?.key)),
      ),
    )
    .filter((w) => (w.definition as v1.GroupWidgetDefinition).widgets.length > 0);
  const everyGroup = live.filter((m) => m.group === EVERY_GROUP);
  if (everyGroup.length > 0)
    groups.push(
      group(
        'Every group',
        everyGroup.map((m) => metricWidget(m, scope)),
      ),
    );
  const extra = collector.dashboard?.(scope) ?? [];
  if (extra.length > 0) groups.push(group(`More on ${collector.name}`, [...extra]));
  return {
    title: `[${deployment}] Collector: ${collector.name}`,
    description: description(deployment, collector.name, collector.description),
    layoutType: 'ordered',
    reflowType: 'auto',
    templateVariables: templateVariables(scope),
    widgets: groups,
  };
}

/** One health widget: the metric over time, combined across targets (and modes) by `agg`. */
function healthWidget(
  collector: string,
  suffix: HealthSuffix,
  agg: 'max' | 'min' | 'sum',
  displayType: 'line' | 'bars',
  scope: DashboardScope,
  by: readonly string[] = [],
): v1.Widget {
  const name = `collector.${collector}.${suffix}`;
  const spec = HEALTH_METRICS[suffix];
  const flag = spec.unit === 'flag';
  return {
    definition: {
      type: 'timeseries',
      title: by.length > 0 ? `${name} by ${by.join(', ')}` : name,
      description: spec.description,
      showLegend: by.length > 0,
      yaxis: { label: UNITS[spec.unit].label, includeZero: true, ...(flag ? { min: '0', max: '1' } : {}) },
      requests: [
        { q: `${agg}:${name}{${scope.filter}}${by.length > 0 ? ` by {${by.join(',')}}` : ''}`, displayType },
      ],
    },
  };
}

/** The "collectors health" dashboard: per collector, its health metrics (docs/metrics.md#health). */
export function healthDashboard(collectors: readonly string[], deployment: string): v1.Dashboard {
  const scope: DashboardScope = { variables: ['env'], filter: '$env' };
  const widgets = collectors.map((c) =>
    group(c, [
      healthWidget(c, 'duration_seconds', 'max', 'line', scope),
      healthWidget(c, 'error_count', 'sum', 'bars', scope),
      healthWidget(c, 'metric_count', 'sum', 'bars', scope),
      healthWidget(c, 'points_dropped', 'sum', 'bars', scope),
      healthWidget(c, 'invalid_points', 'sum', 'bars', scope),
      // min by group: a group failing for any one target shows 0.
      healthWidget(c, 'group.success', 'min', 'line', scope, ['group']),
      // Sent every cycle, 0 when none: units left out of a cycle, not failed ones.
      healthWidget(c, 'group.skipped', 'sum', 'bars', scope, ['group']),
    ]),
  );
  return {
    title: `[${deployment}] Collectors health`,
    description: description(
      deployment,
      HEALTH_DASHBOARD_KEY,
      'Every collector’s cycles: duration, failed units, points sent, dropped and invalid, units skipped.',
    ),
    layoutType: 'ordered',
    reflowType: 'auto',
    templateVariables: templateVariables(scope),
    widgets,
  };
}

/** Every generated dashboard of `deployment`: one per collector, then the health dashboard. */
export function generateDashboards(
  collectors: readonly Collector<unknown>[],
  deployment: string,
): KeyedDashboard[] {
  return [
    ...collectors.map((c) => ({ key: c.name, body: collectorDashboard(c, deployment) })),
    {
      key: HEALTH_DASHBOARD_KEY,
      body: healthDashboard(
        collectors.map((c) => c.name),
        deployment,
      ),
    },
  ];
}
