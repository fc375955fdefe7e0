/**
 * The bench collector: each unit sleeps a configurable time, then returns one point. No source
 * behind it, so a cycle's wall time is the sleep plus what the engine adds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Catalog } from '../../src/catalog/model';
import type { Collector } from '../../src/collectors/types';

export const BENCH_GROUPS = ['alpha', 'beta'] as const;

export const benchCatalog: Catalog = {
  collector: 'bench',
  targetTags: { target: { description: 'The bench target.' } },
  tags: {},
  groups: BENCH_GROUPS.map((name) => ({ name, description: `Bench group ${name}.`, timeout: '30s' })),
  metrics: BENCH_GROUPS.map((group) => ({
    name: `bench.${group}.units`,
    type: 'gauge' as const,
    unit: 'count' as const,
    description: `Always 1: one point per unit of group ${group}.`,
    group,
    tags: [],
    backfill: true,
  })),
};

const settingsSchema = z
  .object({
    targets: z.object({ count: z.number().int().positive() }).strict(),
    options: z.object({ sleepMs: z.number().int().nonnegative() }).strict(),
  })
  .strict();
export type BenchSettings = z.infer<typeof settingsSchema>;

export const benchCollector: Collector<BenchSettings> = {
  name: 'bench',
  description: 'Engine benchmark: sleeps per unit, returns one point.',
  catalog: benchCatalog,
  defaultSchedule: '1m',
  settingsSchema,
  secrets: [],
  rateBudget: { unitsPerSecond: 1000, note: 'No real source behind it.' },
  probe: () => Promise.resolve('bench source, always up'),
  targets: ({ settings }) =>
    Promise.resolve(
      Array.from({ length: settings.targets.count }, (_, i) => {
        const id = `t${String(i).padStart(3, '0')}`;
        return { id, tags: { target: id } };
      }),
    ),
  async collect(ctx) {
    const ms = ctx.settings.options.sleepMs;
    if (ms > 0) await sleep(ms, undefined, { signal: ctx.signal });
    return [{ metric: `bench.${ctx.group}.units`, value: 1 }];
  },
};
