/**
 * One batch of a cycle, as a child workflow: its units run concurrently as `collectGroup`
 * activities, each with its group's timeout and retry policy, all to completion (a failure never
 * cancels the others); then the batch submits its points. A child per batch keeps every history
 * small, even for 500 targets.
 *
 * A unit routed to a replica's own queue (src/engine/routing.ts) that no worker starts within the
 * plan's wait runs again on the shared queue, and the batch reports that queue as unserved so that
 * later batches send its units straight to the shared queue.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { DataPoint } from '../catalog/model';
import { describeFailure, notStarted } from './failures';
import { HEARTBEAT_TIMEOUT_MS } from './heartbeat';
import { submitPoints } from './submit';
import type {
  BatchInput,
  BatchResult,
  CollectGroupResult,
  CycleActivities,
  GroupPlan,
  Unit,
  UnitOutcome,
  UnitSample,
} from './types';

/**
 * The samples a batch returns for the roll-ups stay under this (with its outcomes, far below
 * Temporal's 2 MB limit on a result); over it they are left out, and so are the roll-ups that needed
 * them (docs/metrics.md#roll-ups).
 */
export const MAX_BATCH_SAMPLES_BYTES = 1024 * 1024;

function activitiesFor(group: GroupPlan, taskQueue: string, scheduleToStartMs?: number) {
  return proxyActivities<CycleActivities>({
    taskQueue,
    // Never retried by the server (a retry would wait on the same queue): the batch reroutes instead.
    ...(scheduleToStartMs !== undefined ? { scheduleToStartTimeout: scheduleToStartMs } : {}),
    startToCloseTimeout: group.timeoutMs,
    heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
    retry: {
      maximumAttempts: group.retry.maximumAttempts,
      initialInterval: group.retry.initialIntervalMs,
      maximumInterval: group.retry.maximumIntervalMs,
      backoffCoefficient: group.retry.backoffCoefficient,
      nonRetryableErrorTypes: ['PermanentError'],
    },
  });
}

export async function collectBatch(input: BatchInput): Promise<BatchResult> {
  const groups = new Map(input.groups.map((g) => [g.name, g]));
  const proxies = new Map<string, CycleActivities>();
  const activities = (group: string, taskQueue: string, waitMs?: number): CycleActivities => {
    const plan = groups.get(group);
    if (!plan) throw new Error(`unit of unplanned group ${group}`);
    const key = `${group}\u0000${taskQueue}`;
    let proxy = proxies.get(key);
    if (!proxy) proxies.set(key, (proxy = activitiesFor(plan, taskQueue, waitMs)));
    return proxy;
  };
  const unserved = new Set(input.unserved ?? []);

  const run = async (unit: Unit): Promise<CollectGroupResult> => {
    const args = {
      collector: input.collector,
      group: unit.group,
      target: unit.target,
      asOf: input.asOf,
      mode: input.mode,
    };
    const routed = unit.taskQueue;
    if (routed !== undefined && !unserved.has(routed)) {
      try {
        return await activities(unit.group, routed, input.replicaWaitMs).collectGroup(args);
      } catch (err) {
        if (!notStarted(err)) throw err;
        if (!unserved.has(routed)) {
          log.warn('no replica took its routed units in time: they run on the shared queue', {
            taskQueue: routed,
            waitMs: input.replicaWaitMs,
          });
        }
        unserved.add(routed);
      }
    }
    return activities(unit.group, input.unitTaskQueue).collectGroup(args);
  };
  const settled = await Promise.allSettled(input.units.map(run));
  const points: DataPoint[] = [];
  const samples: UnitSample[] = [];
  const outcomes: UnitOutcome[] = settled.map((result, i) => {
    const unit = input.units[i]!;
    if (result.status === 'fulfilled') {
      points.push(...result.value.points);
      const { sample } = result.value;
      if (sample) samples.push({ group: unit.group, target: unit.target.id, sample });
      return {
        group: unit.group,
        target: unit.target.id,
        ok: true,
        points: result.value.points.length,
        invalid: result.value.invalid,
      };
    }
    return {
      group: unit.group,
      target: unit.target.id,
      ok: false,
      points: 0,
      invalid: 0,
      error: truncate(describeFailure(result.reason), 500),
    };
  });
  const totals = await submitPoints(input.collector, points, input.deadline);
  // The queues this batch found unserved, for the cycle to pass on to later batches.
  const found = [...unserved].filter((q) => !input.unserved?.includes(q));
  const size = samples.length > 0 ? JSON.stringify(samples).length : 0;
  if (size > MAX_BATCH_SAMPLES_BYTES) {
    log.warn('samples left out of the batch result: their roll-ups will be absent', {
      samples: samples.length,
      bytes: size,
    });
  }
  const kept = size > MAX_BATCH_SAMPLES_BYTES ? [] : samples;
  return {
    outcomes,
    ...(kept.length > 0 ? { samples: kept } : {}),
    submitted: totals.submitted,
    dropped: totals.dropped,
    ...(totals.error ? { submitError: totals.error } : {}),
    ...(found.length > 0 ? { unserved: found } : {}),
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
