import { Context } from '@temporalio/activity';
import { cycleCommonTags } from '../engine/plan';
import { runRollup } from '../engine/rollup';
import type { RollupGroupInput, RollupGroupResult } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';

/** One roll-up (group × key) from its units' samples: the same `runRollup` that `collectors collect` calls. */
export function rollupGroup(deps: ActivityDeps) {
  return (input: RollupGroupInput): Promise<RollupGroupResult> =>
    asActivity(async () => {
      const ctx = Context.current();
      const runtime = await deps.runtime();
      const result = runRollup({
        collector: runtime.collector(input.collector).collector,
        group: input.group,
        key: input.key,
        targets: input.targets,
        samples: input.samples,
        asOf: new Date(input.asOf),
        mode: input.mode,
        commonTags: cycleCommonTags(runtime, input.collector),
        log: deps.log.child({ attempt: ctx.info.attempt }),
      });
      return {
        points: result.points,
        invalid: result.invalid.length,
        ...(result.absent ? { absent: result.absent } : {}),
      };
    });
}
