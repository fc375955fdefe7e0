import { Context } from '@temporalio/activity';
import { PermanentError } from '../collectors/errors';
import type { Target } from '../collectors/types';
import { commonTags, cycleMode, submitDeadline } from '../engine/cycle-rules';
import type { CyclePlan, PlanInput } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';

/** Plans a cycle from config read now: its mode, groups (with their policies), targets and deadline. */
export function planCycle(deps: ActivityDeps) {
  return (input: PlanInput): Promise<CyclePlan> =>
    asActivity(async () => {
      const runtime = await deps.runtime();
      const c = runtime.collector(input.collector);
      const asOf = new Date(input.asOf);
      const startedAt = new Date(input.startedAt);
      const mode = cycleMode({ asOf, startedAt, scheduled: input.scheduled, intervalMs: c.intervalMs });
      const log = deps.log.child({ collector: c.collector.name, asOf: input.asOf, mode });

      const groups = c.groups.filter(
        (g) => mode !== 'backfill' || hasBackfillMetric(c.collector.catalog, g.name),
      );
      const skipped = c.groups.filter((g) => !groups.includes(g)).map((g) => g.name);
      if (skipped.length)
        log.info('backfill: groups without backfillable metrics skipped', { groups: skipped });

      const targets = await c.collector.targets({
        asOf,
        settings: c.settings,
        secrets: deps.secrets,
        log,
        fetch: deps.fetch,
        signal: Context.current().cancellationSignal,
      });
      checkTargets(c.collector.name, Object.keys(c.collector.catalog.targetTags), targets);
      const plan: CyclePlan = {
        collector: c.collector.name,
        asOf: input.asOf,
        mode,
        groups,
        targets,
        batchSize: runtime.batchSize,
        concurrentBatches: runtime.concurrentBatches,
        deadline: submitDeadline({
          asOf,
          startedAt,
          historicalIngestion: c.historicalIngestion,
        }).toISOString(),
        commonTags: commonTags({ collector: c.collector.name, env: runtime.env, service: runtime.service }),
      };
      log.info('cycle planned', { groups: groups.map((g) => g.name), targets: targets.length });
      return plan;
    });
}

function hasBackfillMetric(
  catalog: { metrics: readonly { group: string; backfill: boolean }[] },
  group: string,
) {
  return catalog.metrics.some((m) => m.group === group && m.backfill);
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
