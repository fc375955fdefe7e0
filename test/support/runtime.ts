import { PermanentError } from '../../src/errors';
import type { Collector } from '../../src/collectors/types';
import type { Runtime } from '../../src/engine/runtime';
import type { GroupPlan } from '../../src/workflows/types';

export interface TestRuntimeOptions {
  collector: Collector<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  settings: unknown;
  /** Per-group overrides of the default policy (timeout 10 s, 3 attempts, 100 ms backoff). */
  groups?: Partial<Record<string, Partial<GroupPlan>>>;
  batchSize?: number;
  concurrentBatches?: number;
  replicaWaitMs?: number;
  intervalMs?: number;
  historicalIngestion?: { enabled: boolean; retryForMs: number };
  /** User tags on every point (`datadog.tags`). */
  tags?: string[];
  /** User tags by target id or glob (`collectors.<name>.targetTags`). */
  targetTags?: Record<string, string[]>;
}

/** A Runtime built directly (no config file), with fast retries for tests. */
export function testRuntime(options: TestRuntimeOptions): Runtime {
  const groups: GroupPlan[] = options.collector.catalog.groups.map((g) => ({
    name: g.name,
    timeoutMs: 10_000,
    retry: { maximumAttempts: 3, initialIntervalMs: 100, maximumIntervalMs: 200, backoffCoefficient: 2 },
    ...options.groups?.[g.name],
  }));
  return {
    // The test harness replaces it with each test's own queue.
    taskQueue: 'test',
    env: 'test',
    service: 'datadog-collectors',
    version: '1.0.0',
    tags: options.tags ?? [],
    batchSize: options.batchSize ?? 50,
    concurrentBatches: options.concurrentBatches ?? 4,
    replicaWaitMs: options.replicaWaitMs ?? 15_000,
    collector(name) {
      if (name !== options.collector.name) throw new PermanentError(`collector ${name} is not configured`);
      return {
        collector: options.collector,
        settings: options.collector.settingsSchema.parse(options.settings),
        groups,
        intervalMs: options.intervalMs ?? 3_600_000,
        historicalIngestion: options.historicalIngestion ?? { enabled: false, retryForMs: 3_600_000 },
        targetTags: options.targetTags ?? {},
      };
    },
  };
}
