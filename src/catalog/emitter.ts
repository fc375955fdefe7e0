/**
 * The one way a collector builds its points: an emitter typed by its catalog, so a name or tag key
 * the catalog does not declare is a compile error, not a point dropped at run time.
 *
 *   const { point, points } = emitterOf(githubCatalog);
 *   point('github.ci.timeout_cancellations_7d', 3, { reason: 'cancelled' });
 *   points({ 'github.prs.open': 12, 'github.prs.cycle_time_hours': median(hours) });
 *
 * Runtime validation (points.ts) still checks values, tag values and groups.
 */
import type { Catalog, MetricDef, Point } from './model';

type Metrics<C extends Catalog> = C['metrics'][number];

/** Every metric name a catalog declares. */
export type MetricName<C extends Catalog> = Metrics<C>['name'];

/** The tag keys a metric declares (never when it declares none). */
export type TagKeyOf<C extends Catalog, Name extends MetricName<C>> = Extract<
  Metrics<C>,
  MetricDef<Name, string>
>['tags'][number];

/** The names of the metrics that carry no tag of their own. */
export type UntaggedName<C extends Catalog> = {
  [Name in MetricName<C>]: [TagKeyOf<C, Name>] extends [never] ? Name : never;
}[MetricName<C>];

/** A point of one of the catalog's metrics. */
export type PointOf<C extends Catalog> = Point<MetricName<C>>;

/**
 * No tags argument for a metric without tags; exactly its declared keys otherwise. Distributed over
 * the names, so a misspelled name is reported as such, not as a wrong number of arguments.
 */
type TagsArgument<C extends Catalog, Name extends MetricName<C>> = Name extends unknown
  ? [TagKeyOf<C, Name>] extends [never]
    ? []
    : [tags: { readonly [Key in TagKeyOf<C, Name>]: string }]
  : never;

export interface Emitter<C extends Catalog> {
  /** One point of a declared metric, with exactly the tags it declares. */
  point<Name extends MetricName<C>>(
    this: void,
    name: Name,
    value: number,
    ...tags: TagsArgument<C, Name>
  ): Point<Name>;
  /** Points of untagged metrics from name → value; an absent value (a statistic over nothing) sends no point. */
  points(this: void, values: { readonly [Name in UntaggedName<C>]?: number | undefined }): PointOf<C>[];
}

export function emitterOf<C extends Catalog>(_catalog: C): Emitter<C> {
  const point = (name: string, value: number, tags?: Readonly<Record<string, string>>): Point =>
    tags ? { metric: name, value, tags } : { metric: name, value };
  const points = (values: Readonly<Record<string, number | undefined>>): Point[] =>
    Object.entries(values)
      .filter((entry): entry is [string, number] => entry[1] !== undefined)
      .map(([name, value]) => point(name, value));
  return { point, points } as Emitter<C>;
}
