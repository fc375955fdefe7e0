/**
 * Plans a cycle: its mode, the groups to run (with their policies), the targets and the submission
 * deadline. The `planCycle` activity and `collectors collect` share it.
 */
import { PermanentError } from '../errors';
import type { Target } from '../collectors/types';
import { tagsForTarget, unmatchedTargetTags } from '../config/tags';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import type { CyclePlan } from '../workflows/types';
import { commonTags, cycleMode, submitDeadline, unitTaskQueue } from './cycle-rules';
import { rollupPlan } from './rollup';
import type { Runtime } from './runtime';

export interface PlanRequest {
  readonly runtime: Runtime;
  readonly collector: string;
  readonly asOf: Date;
  readonly startedAt: Date;
  readonly scheduled: boolean;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
}

export async function planCycle(req: PlanRequest): Promise<CyclePlan> {
  const { runtime, asOf, startedAt } = req;
  const c = runtime.collector(req.collector);
  const mode = cycleMode({ asOf, startedAt, scheduled: req.scheduled, intervalMs: c.intervalMs });
  const log = req.log.child({ collector: c.collector.name, asOf: asOf.toISOString(), mode });

  const backfillable = (group: string) =>
    c.collector.catalog.metrics.some((m) => m.group === group && m.backfill);
  const groups = c.groups.filter((g) => mode !== 'backfill' || backfillable(g.name));
  const skipped = c.groups.filter((g) => !groups.includes(g)).map((g) => g.name);
  if (skipped.length) log.info('backfill: groups without backfillable metrics skipped', { groups: skipped });

  const targets = await c.collector.targets({
    asOf,
    backfill: mode === 'backfill',
    intervalMs: c.intervalMs,
    settings: c.settings,
    secrets: req.secrets,
    log,
    fetch: req.fetch,
    signal: req.signal,
  });
  checkTargets(c.collector.name, Object.keys(c.collector.catalog.targetTags), targets);
  // The user's tags of each target travel with it (config validation keeps their keys apart from the catalog's).
  const targetTags = c.targetTags ?? {};
  const tagged = targets.map((t) => ({ ...t, tags: { ...t.tags, ...tagsForTarget(targetTags, t.id) } }));
  const unmatched = unmatchedTargetTags(
    targetTags,
    targets.map((t) => t.id),
  );
  if (unmatched.length) {
    log.warn(`collectors.${c.collector.name}.targetTags: entries that match no target of this cycle`, {
      entries: unmatched,
    });
  }
  log.info('cycle planned', { groups: groups.map((g) => g.name), targets: targets.length });
  const rollup = rollupPlan(
    c.collector,
    groups.map((g) => g.name),
  );
  return {
    collector: c.collector.name,
    asOf: asOf.toISOString(),
    mode,
    groups,
    targets: tagged,
    batchSize: runtime.batchSize,
    concurrentBatches: runtime.concurrentBatches,
    deadline: submitDeadline({ asOf, startedAt, historicalIngestion: c.historicalIngestion }).toISOString(),
    commonTags: cycleCommonTags(runtime, c.collector.name),
    unitTaskQueue: unitTaskQueue(runtime.taskQueue, c.collector.name),
    ...(rollup ? { rollup } : {}),
  };
}

/** The common tags of a collector's points in this deployment (see commonTags). */
export function cycleCommonTags(runtime: Runtime, collector: string): string[] {
  const { env, service, version, tags } = runtime;
  return commonTags({ collector, env, service, version, tags });
}

/** Target ids must be unique and target tags declared: both would silently merge series otherwise. */
function checkTargets(collector: string, declaredTags: string[], targets: readonly Target[]): void {
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.id))
      throw new PermanentError(`${collector}: target ${t.id} is listed twice`, 'remove the duplicate');
    seen.add(t.id);
    for (const key of Object.keys(t.tags)) {
      if (!declaredTags.includes(key)) {
        throw new PermanentError(`${collector}: target ${t.id} has undeclared tag "${key}"`);
      }
    }
  }
}
