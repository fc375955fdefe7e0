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

/** A catalog with its metrics' literal names and tag keys kept, for the typed emitter. */
export function catalog<const Metrics extends readonly MetricDef[]>(
  declared: Catalog<Metrics>,
): Catalog<Metrics> {
  return declared;
}
