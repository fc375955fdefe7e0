/**
 * One collection cycle of one collector (docs/design.md#data-flow): resolve the slot, plan the units
 * from config read at run time (on the planning replica of a routed collector,
 * docs/design.md#target-affinity), run them in bounded batches (a child workflow each), then submit
 * the health metrics last. Every unit's outcome is the result; a cycle in which every unit failed
 * fails. Units the plan skips (the collector's `skipUnits`) do not run: no point, no failure,
 * counted apart.
 */
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import {
  ApplicationFailure,
  executeChild,
  log,
  proxyActivities,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { collectBatch } from './collect-batch';
import { describeFailure, notStarted } from './failures';
import { healthPoints, healthTiming } from './health';
import { HEARTBEAT_TIMEOUT_MS } from './heartbeat';
import { runLimited } from './limit';
import { runRollups } from './rollup';
import { skippedCount, skippedKeys } from './skipped';
import { submitPoints } from './submit';
import type {
  BatchResult,
  CycleActivities,
  CycleInput,
  CyclePlan,
  CycleResult,
  PlanInput,
  Unit,
  UnitOutcome,
} from './types';

const PLAN_OPTIONS = {
  startToCloseTimeout: '5m',
  heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
  retry: {
    maximumAttempts: 5,
    initialInterval: '2s',
    maximumInterval: '1m',
    nonRetryableErrorTypes: ['PermanentError'],
  },
} satisfies ActivityOptions;

const { planCycle } = proxyActivities<CycleActivities>(PLAN_OPTIONS);

/** Set by the schedule on every run it starts: the slot's nominal time, also for backfills. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);
const SCHEDULED_BY = defineSearchAttributeKey('TemporalScheduledById', SearchAttributeType.KEYWORD);

export async function collectionCycle(input: CycleInput): Promise<CycleResult> {
  const info = workflowInfo();
  const asOf = resolveAsOf(input, info.typedSearchAttributes.get(SCHEDULED_START), info.runStartTime);
  const plan = await plannedCycle({
    collector: input.collector,
    asOf: asOf.toISOString(),
    startedAt: info.runStartTime.toISOString(),
    scheduled: info.typedSearchAttributes.get(SCHEDULED_BY) !== undefined,
  }).catch((err: unknown) => {
    // The reason (an invalid config, an unknown collector) goes at the top of the failure, where
    // the Web UI and `temporal workflow describe` show it, not only in the nested activity failure.
    throw ApplicationFailure.create({
      message: `${input.collector}: the cycle could not be planned: ${describeFailure(err)}`,
      type: 'PlanFailed',
      nonRetryable: true,
      cause: err instanceof Error ? err : undefined,
    });
  });

  const started = Date.now();
  const skip = skippedKeys(plan.skipped);
  const units: Unit[] = plan.targets.flatMap((target) => {
    const replica = plan.routing?.targets[target.id];
    const taskQueue = replica === undefined ? undefined : plan.routing?.queues[replica];
    return plan.groups
      .filter((g) => !skip.has(`${g.name}\u0000${target.id}`))
      .map((g) => ({ group: g.name, target, ...(taskQueue ? { taskQueue } : {}) }));
  });
  const batches = chunk(units, plan.batchSize);
  // Replica queues a batch found unserved: later batches send their units to the shared queue at once.
  const unserved = new Set<string>();
  const results = await runLimited(batches, plan.concurrentBatches, async (batch, i) => {
    const result = await runBatch(plan, batch, `${info.workflowId}/batch-${i + 1}`, [...unserved]);
    for (const queue of result.unserved ?? []) unserved.add(queue);
    return result;
  });
  // Roll-ups (docs/metrics.md#roll-ups) need every unit of their group and key: after all batches.
  const rollups = plan.rollup ? await runRollups(plan, plan.rollup, results) : undefined;
  const rollupTotals = rollups
    ? await submitPoints(plan.collector, rollups.points, plan.deadline)
    : undefined;
  const durationSeconds = (Date.now() - started) / 1000;

  const outcomes = results.flatMap((r) => r.outcomes);
  const submitted = sum(results.map((r) => r.submitted)) + (rollupTotals?.submitted ?? 0);
  const dropped = sum(results.map((r) => r.dropped)) + (rollupTotals?.dropped ?? 0);
  const timing = healthTiming(plan.asOf, Date.now());
  const health = healthPoints({
    collector: plan.collector,
    commonTags: plan.commonTags,
    mode: plan.mode,
    timestamp: timing.timestamp,
    durationSeconds,
    outcomes,
    groups: plan.groups.map((g) => g.name),
    skipped: plan.skipped,
    targetTags: Object.fromEntries(plan.targets.map((t) => [t.id, t.tags])),
    submitted,
    dropped,
    rollupInvalid: rollups?.invalid ?? 0,
  });
  const healthTotals = await submitPoints(plan.collector, health, timing.deadline);

  const failed = outcomes.filter((o) => !o.ok);
  const result: CycleResult = {
    collector: plan.collector,
    asOf: plan.asOf,
    mode: plan.mode,
    units: outcomes.length,
    succeeded: outcomes.length - failed.length,
    failed: failed.length,
    skipped: skippedCount(plan.skipped),
    submitted,
    invalid: sum(outcomes.map((o) => o.invalid)) + (rollups?.invalid ?? 0),
    dropped,
    durationSeconds,
    outcomes,
    ...(plan.skipped?.length ? { skips: plan.skipped } : {}),
    ...(rollups ? { rollups: rollups.outcomes } : {}),
  };
  log.info('cycle finished', {
    ...result,
    outcomes: undefined,
    skips: undefined,
    rollups: undefined,
    healthDropped: healthTotals.dropped,
  });

  if (outcomes.length > 0 && failed.length === outcomes.length) {
    throw ApplicationFailure.nonRetryable(
      `every unit of ${plan.collector} failed (${failed.length}); first error: ${failed[0]?.error}`,
      'CycleFailed',
      result,
    );
  }
  const submitError =
    results.find((r) => r.submitError)?.submitError ?? rollupTotals?.error ?? healthTotals.error;
  if (submitError && submitted === 0) {
    throw ApplicationFailure.nonRetryable(
      `Datadog did not take the points: ${submitError}`,
      'SubmitFailed',
      result,
    );
  }
  return result;
}

/**
 * The cycle's plan. A routed collector's cycles are planned on one replica (src/engine/routing.ts):
 * when another answers, the plan is asked of that one, or of any replica if it does not take it in time.
 */
async function plannedCycle(input: PlanInput): Promise<CyclePlan> {
  const answer = await planCycle(input);
  if (!('planOn' in answer)) return answer;
  const there = proxyActivities<CycleActivities>({
    ...PLAN_OPTIONS,
    taskQueue: answer.planOn,
    scheduleToStartTimeout: answer.waitMs,
  });
  const plan = await there.planCycle({ ...input, here: true }).catch(async (err: unknown) => {
    if (!notStarted(err)) throw err;
    log.warn('the planning replica did not take the plan in time: planned on any', {
      taskQueue: answer.planOn,
    });
    return planCycle({ ...input, here: true });
  });
  if ('planOn' in plan) throw new Error(`planCycle with here: true answered planOn ${plan.planOn}`);
  return plan;
}

function resolveAsOf(input: CycleInput, scheduledStart: Date | undefined, runStart: Date): Date {
  let asOf = scheduledStart ?? runStart;
  if (!scheduledStart && input.asOf !== undefined) {
    asOf = new Date(input.asOf);
    if (Number.isNaN(asOf.getTime())) {
      throw ApplicationFailure.nonRetryable(
        `input.asOf "${input.asOf}" is not a time: give an ISO 8601 time with a zone, e.g. 2026-01-01T00:00:00Z`,
        'InvalidInput',
      );
    }
  }
  return new Date(Math.floor(asOf.getTime() / 1000) * 1000);
}

async function runBatch(
  plan: CyclePlan,
  units: Unit[],
  workflowId: string,
  unserved: readonly string[],
): Promise<BatchResult> {
  try {
    return await executeChild(collectBatch, {
      workflowId,
      args: [
        {
          collector: plan.collector,
          asOf: plan.asOf,
          mode: plan.mode,
          deadline: plan.deadline,
          groups: plan.groups,
          units,
          unitTaskQueue: plan.unitTaskQueue,
          ...(plan.routing ? { replicaWaitMs: plan.routing.waitMs } : {}),
          ...(unserved.length ? { unserved } : {}),
        },
      ],
    });
  } catch (err) {
    // A batch that could not run at all: its units failed, the other batches still count.
    const error = describeFailure(err);
    const outcomes: UnitOutcome[] = units.map((u) => ({
      group: u.group,
      target: u.target.id,
      ok: false,
      points: 0,
      invalid: 0,
      error,
    }));
    return { outcomes, submitted: 0, dropped: 0 };
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
