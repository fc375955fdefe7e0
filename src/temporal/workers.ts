/**
 * The workers one process runs: the deployment's main task queue (workflows, planning, submission)
 * and one activity-only task queue per collector for its units. The per-collector queue carries the
 * collector's rate budget as a server-side limit (`maxTaskQueueActivitiesPerSecond`), so the budget
 * holds however many replicas poll it. A collector that routes units by target (src/engine/routing.ts)
 * also gets a queue of this replica's own, at the same rate.
 */
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Collector, Registry } from '../collectors/types';
import { unitTaskQueue } from '../engine/cycle-rules';
import { replicaQueue } from '../engine/routing';
import type { CycleActivities } from '../workflows/types';

export interface WorkerSetOptions {
  readonly connection: NativeConnection;
  readonly namespace?: string;
  readonly taskQueue: string;
  readonly registry: Registry;
  readonly activities: CycleActivities;
  /** The prebuilt bundle, or the workflows' source path (bundled at start). */
  readonly workflows: { workflowBundle: { codePath: string } } | { workflowsPath: string };
  readonly shutdownGraceTime?: number;
  readonly maxConcurrentActivityTaskExecutions?: number;
  /** A collector's unit starts per second, when the config changes its declared budget. */
  readonly unitsPerSecond?: (collector: Collector) => number | undefined;
  /**
   * This replica's id: the workers' Temporal identity, and the name of its own unit queues. Without
   * it the workers poll no queue of their own (the activities must not route then either).
   */
  readonly replica?: string;
}

export async function createWorkerSet(options: WorkerSetOptions): Promise<Worker[]> {
  const common: Partial<WorkerOptions> = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    activities: options.activities,
    ...(options.shutdownGraceTime !== undefined ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
    ...(options.maxConcurrentActivityTaskExecutions !== undefined
      ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions }
      : {}),
    ...(options.replica ? { identity: options.replica } : {}),
  };
  const main = await Worker.create({ ...common, taskQueue: options.taskQueue, ...options.workflows });
  const { replica } = options;
  const units = await Promise.all(
    [...options.registry.values()].flatMap((collector) => {
      const shared = unitTaskQueue(options.taskQueue, collector.name);
      const queues = collector.routeByTarget && replica ? [shared, replicaQueue(shared, replica)] : [shared];
      return queues.map((taskQueue) =>
        Worker.create({
          ...common,
          taskQueue,
          maxTaskQueueActivitiesPerSecond:
            options.unitsPerSecond?.(collector) ?? collector.rateBudget.unitsPerSecond,
        }),
      );
    }),
  );
  return [main, ...units];
}

/** Runs every worker until `until` settles (or, without it, until shutdown); one failing stops all. */
export async function runWorkerSet<T>(workers: Worker[], until?: Promise<T>): Promise<T | undefined> {
  if (until) {
    const results = await Promise.all(workers.map((w) => w.runUntil(until)));
    return results[0];
  }
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  }
  return undefined;
}
