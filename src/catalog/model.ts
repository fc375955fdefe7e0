/**
 * The metric model: every collector declares its metrics once, as data (docs/design.md#catalog).
 * Validation, README tables, cardinality estimates and Datadog metadata all derive from it.
 */

/** Datadog metric types (v2 intake: 1 count, 2 rate, 3 gauge). Every declared metric is a gauge (docs/metrics.md#types-and-units). */
export type MetricType = 'gauge' | 'count' | 'rate';

/**
 * Descriptive units, as the metric tables show them (docs/metrics.md#types-and-units). Each maps to a Datadog unit name where one exists;
 * the others (lines, GPUs, 0/1 flags) are sent without a unit.
 */
export const UNITS = {
  count: { datadog: 'item', label: 'count' },
  item: { datadog: 'item', label: 'count' },
  commit: { datadog: 'commit', label: 'commits' },
  file: { datadog: 'file', label: 'files' },
  job: { datadog: 'job', label: 'jobs' },
  user: { datadog: 'user', label: 'users' },
  run: { datadog: undefined, label: 'runs' },
  line: { datadog: undefined, label: 'lines' },
  gpu: { datadog: undefined, label: 'GPUs' },
  flag: { datadog: undefined, label: '0/1' },
  /** A value in the source's own unit, unknown here (e.g. a training run's best accuracy or loss). */
  value: { datadog: undefined, label: 'value' },
  request: { datadog: 'request', label: 'requests' },
  hour: { datadog: 'hour', label: 'hours' },
  minute: { datadog: 'minute', label: 'minutes' },
  second: { datadog: 'second', label: 'seconds' },
  day: { datadog: 'day', label: 'days' },
  percent: { datadog: 'percent', label: '%' },
  dollar: { datadog: 'dollar', label: 'USD' },
  gibibyte: { datadog: 'gibibyte', label: 'GiB' },
  gigabyte: { datadog: 'gigabyte', label: 'GB' },
} as const satisfies Record<string, { datadog: string | undefined; label: string }>;

/** A unit of measure, as a metric declares it. */
export type MeasureUnit = keyof typeof UNITS;

/** A tag key a metric may carry, with its bounded set of values when the set is known. */
export interface TagDef {
  readonly description: string;
  /** Allowed values (lower-case); absent when the set is bounded but open (e.g. repos). */
  readonly values?: readonly string[];
  /** Expected number of distinct values per target, for the cardinality estimate when `values` is absent. */
  readonly estimatedValues?: number;
}

/**
 * One declared metric. `Name` and `TagKey` stay literal in a declared catalog, so a point of an
 * undeclared name or tag key fails to compile (see emitter.ts); as plain `string`s they describe any catalog.
 */
export interface MetricDef<Name extends string = string, TagKey extends string = string> {
  /** Full metric name, e.g. `github.prs.open`. Stable: a new meaning gets a new name. */
  readonly name: Name;
  readonly type: MetricType;
  readonly unit: MeasureUnit;
  /** One sentence: what, over which window, as of when. */
  readonly description: string;
  /**
   * The metric group (unit of computation) that emits it, or EVERY_GROUP for a metric every unit
   * reports about itself (e.g. the API requests it spent): its points then carry a `group` tag, so
   * the units' series stay apart and a query sums them per cycle.
   */
  readonly group: string;
  /** Tag keys besides the common ones (`collector`, `env`, `service`) and the target's tags. */
  readonly tags: readonly TagKey[];
  /** True when a truthful value can be computed for a past `asOf`. */
  readonly backfill: boolean;
  readonly deprecated?: { readonly since: string; readonly replacedBy?: string; readonly note?: string };
  /**
   * Set on a roll-up metric (docs/metrics.md#roll-ups): the per-target metric it is the roll-up of.
   * Its points describe every target sharing one value of the catalog's `rollup.key` tag at once
   * (computed from the union of their events) and carry only that target tag.
   */
  readonly rollupOf?: string;
}

/** `MetricDef.group` of a metric that any group may emit (tagged with the emitting group). */
export const EVERY_GROUP = '*';

export interface GroupDef {
  readonly name: string;
  readonly description: string;
  /** Default timeout of one attempt (a duration such as `2m`); config may override it. */
  readonly timeout: string;
  /** Default retry policy; config may override it. */
  readonly retry?: RetryDef;
}

export interface RetryDef {
  readonly maximumAttempts?: number;
  readonly initialInterval?: string;
  readonly maximumInterval?: string;
  readonly backoffCoefficient?: number;
}

export interface Catalog<Metrics extends readonly MetricDef[] = readonly MetricDef[]> {
  /** Collector name; also the metric prefix. */
  readonly collector: string;
  /** Tag keys that every point of a target carries (e.g. `repo`, `org`), with descriptions. */
  readonly targetTags: Readonly<Record<string, TagDef>>;
  /** The shared dictionary of point tag keys that metrics reference. */
  readonly tags: Readonly<Record<string, TagDef>>;
  readonly groups: readonly GroupDef[];
  readonly metrics: Metrics;
  /** Declared when the catalog has roll-up metrics (those with `rollupOf`). */
  readonly rollup?: RollupDef;
}

/**
 * How a collector's targets roll up (docs/metrics.md#roll-ups): the targets whose `key` tag has the
 * same value are one roll-up (GitHub: the repositories of one `org`). A roll-up metric is named
 * `<collector>.<key>.<rest>` after its per-target counterpart `<collector>.<rest>`, and its points
 * carry the `key` tag and no other target tag, so that no query mixes the two levels.
 */
export interface RollupDef {
  /** A target tag of the catalog. */
  readonly key: string;
  /** What one roll-up covers, for the docs (`every repository of the organization in the cycle`). */
  readonly description: string;
}

/** A point as a collector emits it: no timestamp (that is the cycle's `asOf`), tags as a named object. */
export interface Point<Name extends string = string> {
  readonly metric: Name;
  readonly value: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/** A point ready for the wire: the shape of `collectors collect --json` and of the Datadog series. */
export interface DataPoint {
  metric: string;
  type: MetricType;
  value: number;
  /** POSIX seconds. */
  timestamp: number;
  /** `key:value` strings, lower-case values. */
  tags: string[];
  /** Datadog unit name, when the metric has one. */
  unit?: string;
}
