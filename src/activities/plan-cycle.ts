import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { planCycle as plan, plannerElsewhere, type PlanRequest, type Replicas } from '../engine/plan';
import { liveReplicas } from '../engine/routing';
import type { CyclePlan, PlanElsewhere, PlanInput } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';
import { withKeepAlive } from './keep-alive';

/**
 * Plans a cycle from config read now (see src/engine/plan.ts), or, for a routed collector, names the
 * replica that plans its cycles when it is another one.
 */
export function planCycle(deps: ActivityDeps) {
  return (input: PlanInput): Promise<CyclePlan | PlanElsewhere> =>
    asActivity(async () => {
      const ctx = Context.current();
      const runtime = await deps.runtime();
      const req: PlanRequest = {
        runtime,
        collector: input.collector,
        asOf: new Date(input.asOf),
        startedAt: new Date(input.startedAt),
        scheduled: input.scheduled,
        secrets: deps.secrets,
        log: deps.log,
        fetch: deps.fetch,
        signal: ctx.cancellationSignal,
        ...(deps.replica ? { replicas: replicasOf(ctx.client, deps.replica) } : {}),
      };
      const elsewhere = input.here ? undefined : await plannerElsewhere(req);
      return elsewhere ?? withKeepAlive(ctx, () => plan(req));
    });
}

/**
 * The replicas polling a unit queue now, as the server lists its pollers: asked once per plan (the
 * planner check and the routes both need them).
 */
function replicasOf(client: Client, self: string): Replicas {
  const asked = new Map<string, Promise<readonly string[]>>();
  const describe = async (unitQueue: string): Promise<readonly string[]> => {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: unitQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    });
    return liveReplicas(
      (pollers ?? []).map((p) => ({
        identity: p.identity ?? '',
        lastAccessMs: optionalTsToMs(p.lastAccessTime) ?? 0,
      })),
      Date.now(),
    );
  };
  return {
    self,
    live(unitQueue) {
      let live = asked.get(unitQueue);
      if (!live) asked.set(unitQueue, (live = describe(unitQueue)));
      return live;
    },
  };
}
