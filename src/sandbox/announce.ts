/**
 * Once the worker runs: the schedules are synced (and, in the sandbox, a first cycle of each started
 * at once), then the banner says what runs and what to look at.
 */
import type { Config } from '../config';
import { connectClient } from '../temporal/client';
import { syncSchedules, triggerSchedule } from '../temporal/schedules';

export interface AnnounceArgs {
  readonly config: Config;
  readonly env: NodeJS.ProcessEnv;
  /** Start a cycle of every schedule now rather than at its next slot. */
  readonly trigger: boolean;
  /** Delete the deployment's schedules that the config no longer has. */
  readonly prune: boolean;
  /** The banner; a promise when part of it is still being worked out. */
  readonly announce: () => string | Promise<string>;
}

export async function syncSchedulesAndAnnounce(
  args: AnnounceArgs,
  say: (line: string) => void,
  stopping: AbortSignal,
): Promise<void> {
  const { config } = args;
  const { client, close } = await connectClient(config, args.env);
  try {
    const changes = await syncSchedules(client, config, { prune: args.prune });
    for (const c of changes) {
      const note =
        c.action === 'stale'
          ? ' (no longer in the config; `collectors schedules sync --prune` deletes it)'
          : '';
      say(`[dev] schedule ${c.scheduleId}: ${c.action}${c.paused ? ' (paused)' : ''}${note}`);
    }
    if (args.trigger && !stopping.aborted) {
      for (const c of changes.filter((c) => c.action !== 'deleted' && c.action !== 'stale')) {
        await triggerSchedule(client, config, c.collector);
      }
    }
  } finally {
    await close();
  }
  if (stopping.aborted) return;
  const banner = await args.announce();
  if (!stopping.aborted) say(banner);
}
