/**
 * What a collector's Temporal schedule should be, derived from config alone (docs/design.md#schedules):
 * - one schedule per enabled collector, id `<deployment>-collector-<name>`, marked in its memo as
 *   owned by the deployment (so `--prune` never touches another deployment's schedules);
 * - its action carries only the collector's name: the worker reads the rest of the config at run time;
 * - overlap ALLOW_ALL: a slow or retrying cycle never makes later slots skip (each slot is its own,
 *   idempotent run); a run timeout ends a stuck cycle;
 * - a catch-up window of at most 45 min without historical ingestion (Datadog drops older points).
 */
import { createHash } from 'node:crypto';
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { CollectorConfig, Config } from '../config';
import { WITHOUT_HMI_GIVE_UP_AFTER_MS } from '../workflows/intake-window';

/** Memo key marking a schedule as created by this project, with its deployment and collector. */
export const OWNER_MEMO_KEY = 'datadog-collectors';

export interface ScheduleOwner {
  readonly deployment: string;
  readonly collector: string;
}

export function scheduleId(deployment: string, collector: string): string {
  return `${deployment}-collector-${collector}`;
}

/**
 * Data submission gives up at the deadline (asOf + 55 min, or retryFor with historical ingestion);
 * health points then have their own 55-minute window. Past both, the cycle is stuck: end it.
 */
export function runTimeoutMs(c: CollectorConfig): number {
  const submitWindow = c.historicalIngestion.enabled
    ? c.historicalIngestion.retryForMs
    : WITHOUT_HMI_GIVE_UP_AFTER_MS;
  return submitWindow + WITHOUT_HMI_GIVE_UP_AFTER_MS + 10 * 60_000;
}

export function desiredSchedule(config: Config, c: CollectorConfig): ScheduleOptions {
  const owner: ScheduleOwner = { deployment: config.deployment, collector: c.name };
  const spec =
    c.schedule.kind === 'interval'
      ? { intervals: [{ every: c.schedule.everyMs }] }
      : { cronExpressions: [c.schedule.expression] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'collectionCycle',
    taskQueue: config.temporal.taskQueue,
    workflowId: `${config.deployment}-cycle-${c.name}`,
    args: [{ collector: c.name }],
    workflowRunTimeout: runTimeoutMs(c),
  };
  const policies = {
    overlap: ScheduleOverlapPolicy.ALLOW_ALL,
    catchupWindow: c.catchupWindowMs,
    pauseOnFailure: false,
  };
  return {
    scheduleId: scheduleId(config.deployment, c.name),
    spec,
    action: { ...action, memo: { [OWNER_MEMO_KEY]: { ...owner, hash: hash({ spec, action, policies }) } } },
    policies,
    memo: { [OWNER_MEMO_KEY]: owner },
  };
}

/** The owner recorded in a schedule's memo, if this project created it. */
export function ownerOf(memo: Record<string, unknown> | undefined): ScheduleOwner | undefined {
  const owner = memo?.[OWNER_MEMO_KEY] as Partial<ScheduleOwner> | undefined;
  return owner?.deployment && owner.collector
    ? { deployment: owner.deployment, collector: owner.collector }
    : undefined;
}

/** A digest of the desired definition, kept in the action's memo so sync can tell "unchanged". */
export function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

export function describeSpec(c: CollectorConfig): string {
  return c.schedule.kind === 'interval' ? `every ${c.schedule.text}` : `cron ${c.schedule.expression}`;
}
