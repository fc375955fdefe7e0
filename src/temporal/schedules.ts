/**
 * Schedule operations: sync with config (create/update, keeping an operator's pause; prune only
 * what this deployment owns), list, trigger, pause and unpause.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
} from '@temporalio/client';
import { PermanentError } from '../errors';
import type { Config } from '../config';
import { OWNER_MEMO_KEY, desiredSchedule, ownerOf, scheduleId } from './schedule-spec';

export type SyncAction = 'created' | 'updated' | 'unchanged' | 'deleted' | 'stale';

export interface SyncChange {
  readonly scheduleId: string;
  readonly collector: string;
  readonly action: SyncAction;
  /** Whether the schedule is paused (an operator's pause survives a sync). */
  readonly paused?: boolean;
}

/** Schedules this deployment owns, by id, with their collector. */
export async function ownedSchedules(client: Client, deployment: string): Promise<Map<string, string>> {
  const owned = new Map<string, string>();
  for await (const s of client.schedule.list()) {
    const owner = ownerOf(s.memo);
    if (owner?.deployment === deployment) owned.set(s.scheduleId, owner.collector);
  }
  return owned;
}

function actionHash(d: ScheduleDescription): string | undefined {
  const memo = d.action.type === 'startWorkflow' ? d.action.memo : undefined;
  return (memo?.[OWNER_MEMO_KEY] as { hash?: string } | undefined)?.hash;
}

/** Makes the server's schedules match the config. Dry-run (`apply: false`) reports without changing. */
export async function syncSchedules(
  client: Client,
  config: Config,
  options: { prune: boolean; apply?: boolean },
): Promise<SyncChange[]> {
  const apply = options.apply ?? true;
  const changes: SyncChange[] = [];
  const wanted = Object.values(config.collectors).filter((c) => c.enabled);
  for (const c of wanted) {
    const desired = desiredSchedule(config, c);
    const handle = client.schedule.getHandle(desired.scheduleId);
    let current: ScheduleDescription | undefined;
    try {
      current = await handle.describe();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
    if (!current) {
      if (apply) {
        try {
          await client.schedule.create(desired);
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        }
      }
      changes.push({ scheduleId: desired.scheduleId, collector: c.name, action: 'created', paused: false });
      continue;
    }
    const owner = ownerOf(current.memo);
    if (owner?.deployment !== config.deployment) {
      throw new PermanentError(
        `schedule ${desired.scheduleId} exists but was not created by deployment ${config.deployment}`,
        'delete it, or choose another deployment name',
      );
    }
    const same = actionHash(current) === (desired.action.memo?.[OWNER_MEMO_KEY] as { hash: string }).hash;
    if (!same && apply) {
      // Spreading the description keeps state (paused, note) as the operator left it.
      await handle.update((prev) => ({
        ...prev,
        spec: desired.spec,
        action: desired.action,
        policies: { ...prev.policies, ...desired.policies },
      }));
    }
    changes.push({
      scheduleId: desired.scheduleId,
      collector: c.name,
      action: same ? 'unchanged' : 'updated',
      paused: current.state.paused,
    });
  }
  const wantedIds = new Set(wanted.map((c) => scheduleId(config.deployment, c.name)));
  for (const [id, collector] of await ownedSchedules(client, config.deployment)) {
    if (wantedIds.has(id)) continue;
    if (options.prune && apply) await client.schedule.getHandle(id).delete();
    changes.push({ scheduleId: id, collector, action: options.prune ? 'deleted' : 'stale' });
  }
  return changes;
}

export interface ScheduleRow {
  readonly scheduleId: string;
  readonly collector: string;
  readonly spec: string;
  readonly nextRun?: string;
  readonly lastRun?: { readonly workflowId: string; readonly scheduledAt: string; readonly status: string };
  readonly paused: boolean;
  readonly note?: string;
}

export async function listSchedules(client: Client, deployment: string): Promise<ScheduleRow[]> {
  const rows: ScheduleRow[] = [];
  for (const [id, collector] of await ownedSchedules(client, deployment)) {
    const d = await client.schedule.getHandle(id).describe();
    const last = d.info.recentActions.at(-1);
    let lastRun: ScheduleRow['lastRun'];
    if (last && last.action.type === 'startWorkflow') {
      const workflowId = last.action.workflow.workflowId;
      const status = await client.workflow
        .getHandle(workflowId, last.action.workflow.firstExecutionRunId)
        .describe()
        .then((w) => w.status.name)
        .catch(() => 'UNKNOWN');
      lastRun = { workflowId, scheduledAt: last.scheduledAt.toISOString(), status };
    }
    rows.push({
      scheduleId: id,
      collector,
      spec: specText(d),
      ...(d.info.nextActionTimes[0] ? { nextRun: d.info.nextActionTimes[0].toISOString() } : {}),
      ...(lastRun ? { lastRun } : {}),
      paused: d.state.paused,
      ...(d.state.note ? { note: d.state.note } : {}),
    });
  }
  return rows.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
}

function specText(d: ScheduleDescription): string {
  const interval = d.spec.intervals?.[0];
  if (interval) return `every ${Math.round(Number(interval.every) / 1000)}s`;
  const cron = (d.spec as { cronExpressions?: string[] }).cronExpressions?.[0];
  if (cron) return `cron ${cron}`;
  return `${d.spec.calendars?.length ?? 0} calendar(s)`;
}

async function ownedHandle(client: Client, config: Config, collector: string) {
  const id = scheduleId(config.deployment, collector);
  const handle = client.schedule.getHandle(id);
  try {
    await handle.describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) {
      throw new PermanentError(`no schedule ${id}`, 'run `collectors schedules sync` first');
    }
    throw err;
  }
  return handle;
}

/** Runs the collector's schedule now (its own slot, mode `scheduled`), alongside any running cycle. */
export async function triggerSchedule(client: Client, config: Config, collector: string): Promise<string> {
  const handle = await ownedHandle(client, config, collector);
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  return handle.scheduleId;
}

export async function pauseSchedule(client: Client, config: Config, collector: string, reason?: string) {
  const handle = await ownedHandle(client, config, collector);
  await handle.pause(reason ?? 'paused with `collectors pause`');
  return handle.scheduleId;
}

export async function unpauseSchedule(client: Client, config: Config, collector: string, reason?: string) {
  const handle = await ownedHandle(client, config, collector);
  await handle.unpause(reason ?? 'unpaused with `collectors unpause`');
  return handle.scheduleId;
}
