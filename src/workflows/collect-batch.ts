/**
 * One batch of a cycle, as a child workflow: its units run concurrently as `collectGroup`
 * activities, each with its group's timeout and retry policy, all to completion (a failure never
 * cancels the others); then the batch submits its points. A child per batch keeps every history
 * small, even for 500 targets.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { DataPoint } from '../catalog/model';
import { describeFailure } from './failures';
import { HEARTBEAT_TIMEOUT_MS } from './heartbeat';
import { submitPoints } from './submit';
import type { BatchInput, BatchResult, CycleActivities, GroupPlan, UnitOutcome, UnitSample } from './types';

/**
 * The samples a batch returns for the roll-ups stay under this (with its outcomes, far below
 * Temporal's 2 MB limit on a result); over it they are left out, and so are the roll-ups that needed
 * them (docs/metrics.md#roll-ups).
 */
export const MAX_BATCH_SAMPLES_BYTES = 1024 * 1024;

function activitiesFor(group: GroupPlan, taskQueue: string) {
  return proxyActivities<CycleActivities>({
    taskQueue,
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
  const byGroup = new Map(input.groups.map((g) => [g.name, activitiesFor(g, input.unitTaskQueue)]));
  const settled = await Promise.allSettled(
    input.units.map((unit) => {
      const activities = byGroup.get(unit.group);
      if (!activities) throw new Error(`unit of unplanned group ${unit.group}`);
      return activities.collectGroup({
        collector: input.collector,
        group: unit.group,
        target: unit.target,
        asOf: input.asOf,
        mode: input.mode,
      });
    }),
  );
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
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
