import { Context } from '@temporalio/activity';
import { cycleCommonTags } from '../engine/plan';
import { runUnit } from '../engine/run-unit';
import type { CollectGroupInput, CollectGroupResult } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';
import { withKeepAlive } from './keep-alive';

/** Collects one unit (group × target): the same `runUnit` that `collectors collect` calls. */
export function collectGroup(deps: ActivityDeps) {
  return (input: CollectGroupInput): Promise<CollectGroupResult> =>
    asActivity(async () => {
      const ctx = Context.current();
      const runtime = await deps.runtime();
      const c = runtime.collector(input.collector);
      const result = await withKeepAlive(ctx, (heartbeat) =>
        runUnit({
          collector: c.collector,
          settings: c.settings,
          group: input.group,
          target: input.target,
          asOf: new Date(input.asOf),
          mode: input.mode,
          commonTags: cycleCommonTags(runtime, input.collector),
          secrets: deps.secrets,
          log: deps.log.child({ attempt: ctx.info.attempt }),
          fetch: deps.fetch,
          signal: ctx.cancellationSignal,
          attempt: ctx.info.attempt,
          heartbeat,
        }),
      );
      return {
        points: result.points,
        invalid: result.invalid.length,
        ...(result.sample ? { sample: result.sample } : {}),
      };
    });
}
