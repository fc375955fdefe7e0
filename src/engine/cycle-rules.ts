/** The time rules of a cycle (docs/design.md#time), as pure functions. */
import { WITHOUT_HMI_GIVE_UP_AFTER_MS } from '../workflows/intake-window';
import type { Mode } from '../workflows/types';

/**
 * `backfill` when the slot is older than one collection interval when the run starts; `manual` when
 * no schedule started it; otherwise `scheduled`.
 */
export function cycleMode(args: {
  asOf: Date;
  startedAt: Date;
  scheduled: boolean;
  intervalMs: number;
}): Mode {
  if (args.startedAt.getTime() - args.asOf.getTime() > args.intervalMs) return 'backfill';
  return args.scheduled ? 'scheduled' : 'manual';
}

/**
 * When to give up submitting: without HMI, `asOf` + 55 min (older points would be dropped by
 * Datadog anyway); with HMI, a configured time after the run starts.
 */
export function submitDeadline(args: {
  asOf: Date;
  startedAt: Date;
  historicalIngestion: { enabled: boolean; retryForMs: number };
}): Date {
  return args.historicalIngestion.enabled
    ? new Date(args.startedAt.getTime() + args.historicalIngestion.retryForMs)
    : new Date(args.asOf.getTime() + WITHOUT_HMI_GIVE_UP_AFTER_MS);
}

/**
 * Units of a collector run on a task queue of their own, whose server-side activity rate limit is
 * the collector's rate budget: it then holds across every worker replica.
 */
export function unitTaskQueue(taskQueue: string, collector: string): string {
  return `${taskQueue}-${collector}`;
}

/**
 * The tags of every point of a deployment's collector, health included: `collector`, the unified
 * service tags `env`, `service` and `version`, then the user's own (`datadog.tags`, DD_TAGS).
 */
export function commonTags(args: {
  collector: string;
  env: string;
  service: string;
  version: string;
  tags?: readonly string[];
}): string[] {
  return [
    `collector:${args.collector}`,
    `env:${args.env.toLowerCase()}`,
    `service:${args.service.toLowerCase()}`,
    `version:${args.version.toLowerCase()}`,
    ...(args.tags ?? []),
  ];
}
