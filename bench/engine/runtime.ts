/**
 * What the bench worker's activities run against: a Runtime built in code (no config file) whose
 * load can change between phases, and a sink that only counts.
 */
import { PermanentError } from '../../src/errors';
import type { DataPoint } from '../../src/catalog/model';
import type { Sink, SubmitResult } from '../../src/datadog/types';
import type { Runtime } from '../../src/engine/runtime';
import type { GroupPlan } from '../../src/workflows/types';
import { benchCollector, type BenchSettings } from './collector';

export interface BenchLoad {
  readonly targets: number;
  readonly sleepMs: number;
}

export interface BenchRuntime extends Runtime {
  /** Activities read the runtime on every call, so the next cycle runs with this load. */
  setLoad(load: BenchLoad): void;
}

/** `taskQueue` is the bench's main queue; units go to its per-collector queue, as in production. */
export function benchRuntime(taskQueue: string, initial: BenchLoad): BenchRuntime {
  // One attempt per unit: a failure must show up in the results, not hide in a retry's latency.
  const groups: GroupPlan[] = benchCollector.catalog.groups.map((g) => ({
    name: g.name,
    timeoutMs: 30_000,
    retry: { maximumAttempts: 1, initialIntervalMs: 100, maximumIntervalMs: 100, backoffCoefficient: 1 },
  }));
  let settings = settingsFor(initial);
  return {
    taskQueue,
    env: 'bench',
    service: 'datadog-collectors',
    version: 'bench',
    tags: [],
    // Every bench cycle fits in one batch: one child workflow.
    batchSize: 50,
    concurrentBatches: 4,
    replicaWaitMs: 15_000,
    setLoad(load) {
      settings = settingsFor(load);
    },
    collector(name) {
      if (name !== benchCollector.name) throw new PermanentError(`collector ${name} is not configured`);
      return {
        collector: benchCollector,
        settings,
        groups,
        intervalMs: 3_600_000,
        historicalIngestion: { enabled: false, retryForMs: 3_600_000 },
      };
    },
  };
}

function settingsFor(load: BenchLoad): BenchSettings {
  return benchCollector.settingsSchema.parse({
    targets: { count: load.targets },
    options: { sleepMs: load.sleepMs },
  });
}

/** Discards points, keeping only counts (holding them would grow the heap the bench measures). */
export function countingSink(): Sink & { points: number; calls: number } {
  const sink = {
    kind: 'dry-run' as const,
    points: 0,
    calls: 0,
    submit(points: readonly DataPoint[]): Promise<SubmitResult> {
      sink.calls++;
      sink.points += points.length;
      return Promise.resolve({ submitted: points.length, dropped: 0, payloads: 1 });
    },
  };
  return sink;
}
