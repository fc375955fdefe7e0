/**
 * The ops bench collector: no source behind it, two groups, a handful of series per target whose
 * values are a pure function of (asOf, group, target), so the bench knows exactly which series and
 * values every slot must deliver. A small copy of the test suite's synthetic collector (the benches
 * do not import from test/), registered under any name (one for live slots, one for the backfill).
 */
import { z } from 'zod';
import type { Catalog, Point } from '../../src/catalog/model';
import type { Collector } from '../../src/collectors/types';

export const OPS_GROUPS = ['alpha', 'beta'] as const;
const STATUSES = ['ok', 'bad'] as const;

const settingsSchema = z
  .object({
    targets: z.object({ count: z.number().int().positive() }).strict(),
    options: z.object({}).strict().default({}),
  })
  .strict();
export type OpsSettings = z.infer<typeof settingsSchema>;

export function targetId(i: number): string {
  return `t${String(i).padStart(3, '0')}`;
}

/** One series of a target: the metric and its point tags (target tags excluded). */
export interface SeriesShape {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
}

export function opsCatalog(name: string): Catalog {
  return {
    collector: name,
    targetTags: { target: { description: 'The bench target.' } },
    tags: { status: { description: 'A bounded status.', values: [...STATUSES] } },
    groups: OPS_GROUPS.map((group) => ({
      name: group,
      description: `Bench group ${group}.`,
      timeout: '30s',
    })),
    metrics: [
      ...OPS_GROUPS.map((group) => ({
        name: `${name}.${group}.value`,
        type: 'gauge' as const,
        unit: 'count' as const,
        description: `A value of group ${group}: a pure function of the slot and the target.`,
        group,
        tags: [],
        backfill: true,
      })),
      {
        name: `${name}.alpha.by_status`,
        type: 'gauge' as const,
        unit: 'count' as const,
        description: 'A value per status: a pure function of the slot, the target and the status.',
        group: 'alpha',
        tags: ['status'],
        backfill: true,
      },
    ],
  };
}

/** What one unit emits: the series of its group. */
function unitSeries(name: string, group: string): SeriesShape[] {
  const value = { metric: `${name}.${group}.value`, tags: {} };
  if (group !== 'alpha') return [value];
  return [value, ...STATUSES.map((status) => ({ metric: `${name}.alpha.by_status`, tags: { status } }))];
}

/** Every series a target has in one slot. */
export function targetSeries(name: string): SeriesShape[] {
  return OPS_GROUPS.flatMap((group) => unitSeries(name, group));
}

/** The value a series must have for a slot: the bench checks every arrival against it. */
export function expectedValue(asOfSeconds: number, target: string, series: SeriesShape): number {
  const status = series.tags.status ? 1 + STATUSES.indexOf(series.tags.status as 'ok' | 'bad') : 0;
  const group = OPS_GROUPS.findIndex((g) => series.metric.includes(`.${g}.`));
  return (asOfSeconds % 100_000) + Number(target.slice(1)) + 1000 * group + 100 * status;
}

export function opsCollector(name: string): Collector<OpsSettings> {
  return {
    name,
    description: 'Ops benchmark: deterministic values, no source behind it.',
    catalog: opsCatalog(name),
    defaultSchedule: '1m',
    settingsSchema,
    secrets: [],
    rateBudget: { unitsPerSecond: 100, note: 'No real source behind it; high enough not to pace the bench.' },
    probe: () => Promise.resolve('ops bench source, always up'),
    targets: ({ settings }) =>
      Promise.resolve(
        Array.from({ length: settings.targets.count }, (_, i) => ({
          id: targetId(i),
          tags: { target: targetId(i) },
        })),
      ),
    collect(ctx) {
      const asOf = Math.floor(ctx.asOf.getTime() / 1000);
      const points: Point[] = unitSeries(name, ctx.group).map((s) => ({
        metric: s.metric,
        value: expectedValue(asOf, ctx.target.id, s),
        ...(Object.keys(s.tags).length ? { tags: s.tags } : {}),
      }));
      return Promise.resolve(points);
    },
  };
}
