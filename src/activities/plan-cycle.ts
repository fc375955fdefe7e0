import { Context } from '@temporalio/activity';
import { planCycle as plan } from '../engine/plan';
import type { CyclePlan, PlanInput } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';

/** Plans a cycle from config read now (see src/engine/plan.ts). */
export function planCycle(deps: ActivityDeps) {
  return (input: PlanInput): Promise<CyclePlan> =>
    asActivity(async () =>
      plan({
        runtime: await deps.runtime(),
        collector: input.collector,
        asOf: new Date(input.asOf),
        startedAt: new Date(input.startedAt),
        scheduled: input.scheduled,
        secrets: deps.secrets,
        log: deps.log,
        fetch: deps.fetch,
        signal: Context.current().cancellationSignal,
      }),
    );
}
