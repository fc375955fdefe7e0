/**
 * How every catalog is written: one `metric({ … })` per metric, gathered by `catalog({ … })`.
 * Both keep names and tag keys as literal types, so the emitter built from a catalog accepts only
 * what it declares.
 */
import type { Catalog, MeasureUnit, MetricDef, MetricType } from './model';

export interface MetricSpec<Name extends string, TagKey extends string> {
  /** Full name, e.g. `github.prs.open`. */
  readonly name: Name;
  readonly unit: MeasureUnit;
  /** The group that emits it, or EVERY_GROUP. */
  readonly group: string;
  /** True when a truthful value can be computed for a past `asOf`. */
  readonly backfill: boolean;
  /** Tag keys of the point itself (not the common or target tags); none when absent. */
  readonly tags?: readonly TagKey[];
  /** One sentence: what, over which window, as of when. */
  readonly description: string;
  /** Gauge unless said: rolling windows re-sent every cycle must never be summed by rollups. */
  readonly type?: MetricType;
  readonly deprecated?: MetricDef['deprecated'];
}

export function metric<const Name extends string, const TagKey extends string = never>(
  spec: MetricSpec<Name, TagKey>,
  // NoInfer: inside a catalog, the wide MetricDef expected there must not widen the tag keys.
): MetricDef<Name, NoInfer<TagKey>> {
  const { name, unit, group, backfill, tags = [], description, type = 'gauge', deprecated } = spec;
  return { name, type, unit, description, group, tags, backfill, ...(deprecated ? { deprecated } : {}) };
}

/** `github.prs.cycle_time_hours` rolled up by `org`: `github.org.prs.cycle_time_hours`. */
export type RollupName<Name extends string, Key extends string> = Name extends `${infer C}.${infer Rest}`
  ? `${C}.${Key}.${Rest}`
  : never;

/**
 * The roll-up of a per-target metric by the catalog's `rollup.key` (docs/metrics.md#roll-ups): the
 * same unit, type, group, tags and backfill as its counterpart, named `<collector>.<key>.<rest>`, and
 * described as the counterpart over the roll-up's targets together.
 */
export function rollupMetric<
  const Key extends string,
  const Name extends string,
  const TagKey extends string,
>(
  key: Key,
  counterpart: MetricDef<Name, TagKey>,
  /** Leads the counterpart's description: over which targets, and when the point is absent. */
  scope: string,
): MetricDef<RollupName<Name, Key>, TagKey> {
  const dot = counterpart.name.indexOf('.');
  const name = `${counterpart.name.slice(0, dot)}.${key}${counterpart.name.slice(dot)}` as RollupName<
    Name,
    Key
  >;
  const { type, unit, group, tags, backfill, description } = counterpart;
  return {
    name,
    type,
    unit,
    group,
    tags,
    backfill,
    description: `${scope}: ${/^[A-Z][a-z]/.test(description) ? description.charAt(0).toLowerCase() + description.slice(1) : description}`,
    rollupOf: counterpart.name,
  };
}

/** A catalog with its metrics' literal names and tag keys kept, for the typed emitter. */
export function catalog<const Metrics extends readonly MetricDef[]>(
  declared: Catalog<Metrics>,
): Catalog<Metrics> {
  return declared;
}
