import { Context } from '@temporalio/activity';
import { planCycle as plan } from '../engine/plan';
import type { CyclePlan, PlanInput } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';
import { withKeepAlive } from './keep-alive';

/** Plans a cycle from config read now (see src/engine/plan.ts). */
export function planCycle(deps: ActivityDeps) {
  return (input: PlanInput): Promise<CyclePlan> =>
    asActivity(async () => {
      const ctx = Context.current();
      const runtime = await deps.runtime();
      return withKeepAlive(ctx, () =>
        plan({
          runtime,
          collector: input.collector,
          asOf: new Date(input.asOf),
          startedAt: new Date(input.startedAt),
          scheduled: input.scheduled,
          secrets: deps.secrets,
          log: deps.log,
          fetch: deps.fetch,
          signal: ctx.cancellationSignal,
        }),
      );
    });
}
