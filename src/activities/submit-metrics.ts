import { Context } from '@temporalio/activity';
import type { SubmitInput, SubmitOutput } from '../workflows/types';
import type { ActivityDeps } from './deps';
import { asActivity } from './failures';
import { withKeepAlive } from './keep-alive';

interface Progress {
  chunksDone: number;
}

/**
 * Sends points to the sink. A retry resumes after the chunks an earlier attempt had delivered
 * (recorded in heartbeat details); past the deadline the sink gives up and reports them as dropped.
 */
export function submitMetrics(deps: ActivityDeps) {
  return (input: SubmitInput): Promise<SubmitOutput> =>
    asActivity(async () => {
      const ctx = Context.current();
      const resumed = ctx.info.heartbeatDetails as Progress | undefined;
      const result = await withKeepAlive(ctx, (heartbeat) =>
        deps.sink.submit(input.points, {
          deadline: new Date(input.deadline),
          skipChunks: resumed?.chunksDone ?? 0,
          onProgress: (chunksDone) => heartbeat({ chunksDone } satisfies Progress),
          signal: ctx.cancellationSignal,
        }),
      );
      if (result.dropped) {
        deps.log.warn('points dropped after the submission deadline', {
          collector: input.collector,
          dropped: result.dropped,
          deadline: input.deadline,
        });
      }
      return { submitted: result.submitted, dropped: result.dropped };
    });
}
