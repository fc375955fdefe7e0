/**
 * What the engine needs to know about a deployment's collectors at run time, derived from the
 * config (src/config) and the registry. Activities read it at the start of each call, so a config
 * change takes effect on the next cycle without re-syncing schedules.
 */
import type { Collector } from '../collectors/types';
import type { GroupPlan } from '../workflows/types';

export interface CollectorRuntime {
  readonly collector: Collector;
  /** The collector's validated settings (`targets` and `options`). */
  readonly settings: unknown;
  /** The enabled groups, with timeouts and retry policies from catalog defaults and config. */
  readonly groups: readonly GroupPlan[];
  /** The collection interval (from the schedule): a slot older than this at start is a backfill. */
  readonly intervalMs: number;
  readonly historicalIngestion: { readonly enabled: boolean; readonly retryForMs: number };
  /** User tags of some targets' points, by target id or glob (`collectors.<name>.targetTags`). */
  readonly targetTags?: Readonly<Record<string, readonly string[]>>;
}

export interface Runtime {
  /** The deployment's task queue (workflows, planning, submission). */
  readonly taskQueue: string;
  readonly env: string;
  readonly service: string;
  /** The `version` tag of every point. */
  readonly version: string;
  /** User tags on every point, `key:value` (`datadog.tags`, DD_TAGS). */
  readonly tags: readonly string[];
  readonly batchSize: number;
  readonly concurrentBatches: number;
  /** How long a unit routed to a replica waits for it (src/engine/routing.ts). */
  readonly replicaWaitMs: number;
  /** The configured, enabled collector; throws PermanentError saying how to enable it otherwise. */
  collector(name: string): CollectorRuntime;
}
