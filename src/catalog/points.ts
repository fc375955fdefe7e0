/**
 * Runtime validation of emitted points against the catalog, and their conversion to wire points.
 * An invalid point is a bug in a collector: it is dropped (never sent half-right), logged and
 * counted in `collector.<name>.invalid_points`.
 */
import { EVERY_GROUP, UNITS, type Catalog, type DataPoint, type MetricDef, type Point } from './model';

export interface InvalidPoint {
  readonly point: Point;
  readonly reason: string;
}

export interface PointCheck {
  readonly valid: Point[];
  readonly invalid: InvalidPoint[];
  /** Declared, valid points left out because the run is a backfill and the metric can't be backfilled. */
  readonly skipped: Point[];
}

export interface PointCheckOptions {
  /** The group that emitted the points: a metric of another group is a bug. */
  readonly group: string;
  /** In a backfill, metrics without `backfill: true` are skipped (they would carry a present value). */
  readonly backfill: boolean;
  /**
   * The points of a roll-up (docs/metrics.md#roll-ups): only roll-up metrics may be among them, and
   * only among them.
   */
  readonly rollup?: boolean;
}

export function checkPoints(
  catalog: Catalog,
  points: readonly Point[],
  options: PointCheckOptions,
): PointCheck {
  const byName = metricIndex(catalog);
  const valid: Point[] = [];
  const invalid: InvalidPoint[] = [];
  const skipped: Point[] = [];
  for (const point of points) {
    const reason = whyInvalid(catalog, byName.get(point.metric), point, options);
    if (reason) invalid.push({ point, reason });
    else if (options.backfill && !byName.get(point.metric)?.backfill) skipped.push(point);
    else valid.push(point);
  }
  return { valid, invalid, skipped };
}

function whyInvalid(
  catalog: Catalog,
  def: MetricDef | undefined,
  point: Point,
  { group, rollup = false }: PointCheckOptions,
): string | undefined {
  if (!def) return `metric ${point.metric} is not declared in the ${catalog.collector} catalog`;
  if (rollup && def.rollupOf === undefined) {
    return `metric ${point.metric} is not a roll-up metric, emitted by a roll-up`;
  }
  if (!rollup && def.rollupOf !== undefined) {
    return `metric ${point.metric} is a roll-up metric, emitted by a unit`;
  }
  if (def.group !== group && def.group !== EVERY_GROUP) {
    return `metric ${point.metric} belongs to group ${def.group}, emitted by ${group}`;
  }
  if (typeof point.value !== 'number' || !Number.isFinite(point.value)) {
    return `metric ${point.metric} has a non-finite value (${String(point.value)})`;
  }
  const tags = point.tags ?? {};
  for (const [key, value] of Object.entries(tags)) {
    if (!def.tags.includes(key)) return `metric ${point.metric} has undeclared tag key "${key}"`;
    const allowed = catalog.tags[key]?.values;
    if (allowed && !allowed.includes(value.toLowerCase())) {
      return `metric ${point.metric} has tag ${key}:${value}, not one of ${allowed.join(', ')}`;
    }
  }
  for (const key of def.tags) {
    if (!(key in tags)) return `metric ${point.metric} lacks its declared tag "${key}"`;
  }
  return undefined;
}

const indexes = new WeakMap<Catalog, Map<string, MetricDef>>();

export function metricIndex(catalog: Catalog): Map<string, MetricDef> {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.metrics.map((m) => [m.name, m]));
    indexes.set(catalog, index);
  }
  return index;
}

/** `key:value` with the value lower-cased, as Datadog stores it. */
export function tag(key: string, value: string): string {
  return `${key}:${value.toLowerCase()}`;
}

/**
 * Valid points → wire points: the slot's timestamp, the metric's type and unit, the common tags
 * (collector, env, service, version, the user's), the target's tags and the point's own tags, sorted.
 */
export function toDataPoints(
  catalog: Catalog,
  points: readonly Point[],
  context: {
    /** The instant the points are stamped at: the slot for a collector's points. */
    asOf: Date;
    commonTags: readonly string[];
    targetTags: Readonly<Record<string, string>>;
    /** The emitting group, tagged on metrics of every group. */
    group?: string;
  },
): DataPoint[] {
  const byName = metricIndex(catalog);
  const timestamp = Math.floor(context.asOf.getTime() / 1000);
  const targetTags = Object.entries(context.targetTags).map(([k, v]) => tag(k, v));
  // A key the target sets itself (a per-target user tag over a deployment-wide one) replaces the
  // common tag: a point never carries two values of one key.
  const commonTags = context.commonTags.filter(
    (t) => !Object.hasOwn(context.targetTags, t.slice(0, t.indexOf(':'))),
  );
  return points.map((p) => {
    const def = byName.get(p.metric);
    if (!def) throw new Error(`toDataPoints: ${p.metric} was not validated`);
    const own = Object.entries(p.tags ?? {}).map(([k, v]) => tag(k, v));
    if (def.group === EVERY_GROUP && context.group) own.push(tag('group', context.group));
    const unit = UNITS[def.unit].datadog;
    return {
      metric: p.metric,
      type: def.type,
      value: p.value,
      timestamp,
      tags: [...commonTags, ...targetTags, ...own].sort(),
      ...(unit ? { unit } : {}),
    };
  });
}
