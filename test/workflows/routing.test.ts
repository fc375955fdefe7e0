/**
 * Target affinity on a real cycle (src/engine/routing.ts): with two replicas polling, every unit of
 * one target runs on the same replica's own queue, both replicas get targets, and a replica that the
 * plan saw but that stopped polling leaves its units to the shared queue after `replicaWaitMs`.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import type { Collector } from '../../src/collectors/types';
import { unitTaskQueue } from '../../src/engine/cycle-rules';
import { replicaQueue } from '../../src/engine/routing';
import type { Runtime } from '../../src/engine/runtime';
import { memoryLogger } from '../../src/log';
import { createWorkerSet } from '../../src/temporal/workers';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { syntheticCollector, type SyntheticSettings } from '../support/synthetic-collector';
import { envSecrets, quietRuntime, testAddress, testClient } from '../support/temporal';

// A recent slot on a whole minute: a live cycle (a backfill routes nothing).
const ASOF = new Date(Math.floor(Date.now() / 60_000) * 60_000);

/** The task queue each unit ran from, by `group/target`, as the activity saw it. */
const ranOn = new Map<string, string>();
/** The replica that planned each cycle, in order. */
const plannedBy: string[] = [];

/** The synthetic collector as one replica runs it: it says where units run and who plans. */
function routedCollector(replica: string): Collector<SyntheticSettings> {
  return {
    ...syntheticCollector,
    routeByTarget: true,
    targets(ctx) {
      plannedBy.push(replica);
      return syntheticCollector.targets(ctx);
    },
    async collect(ctx) {
      ranOn.set(`${ctx.group}/${ctx.target.id}`, Context.current().info.taskQueue);
      return syntheticCollector.collect(ctx);
    },
  };
}
interface Deployment {
  readonly taskQueue: string;
  readonly runtime: Runtime;
  /** Starts a replica's workers; `stop` ends its polling (as a killed pod's would). */
  replica(id: string): Promise<{ stop: () => Promise<void> }>;
  close(): Promise<void>;
}

function deployment(targets: number): Deployment {
  quietRuntime();
  const taskQueue = `test-${randomUUID()}`;
  const runtime: Runtime = {
    ...testRuntime({
      collector: routedCollector('any'),
      settings: { targets: { count: targets }, options: {} },
    }),
    taskQueue,
    replicaWaitMs: 3_000,
    batchSize: 8,
    concurrentBatches: 1,
  };
  const running: { workers: Worker[]; done: Promise<unknown>; connection: NativeConnection }[] = [];
  const stopAll = (workers: Worker[]) => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    taskQueue,
    runtime,
    async replica(id) {
      // A connection each, as separate processes would have: the SDK allows one worker per queue and connection.
      const connection = await NativeConnection.connect({ address: testAddress() });
      const workers = await createWorkerSet({
        connection,
        taskQueue,
        registry: new Map([['synthetic', routedCollector(id)]]),
        workflows: { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
        activities: createActivities({
          runtime: () => ({
            ...runtime,
            collector: () => ({ ...runtime.collector('synthetic'), collector: routedCollector(id) }),
          }),
          secrets: envSecrets(),
          sink: memorySink(),
          log: memoryLogger('warn'),
          fetch,
          replica: id,
        }),
        replica: id,
      });
      const done = Promise.all(workers.map((w) => w.run()));
      running.push({ workers, done, connection });
      return {
        stop: async () => {
          stopAll(workers);
          await done;
        },
      };
    },
    async close() {
      for (const r of running) stopAll(r.workers);
      await Promise.all(running.map((r) => r.done));
      for (const r of running) await r.connection.close();
    },
  };
}

/** Runs `fn` on a fresh deployment of `targets` targets, closing its replicas after. */
async function inDeployment(targets: number, fn: (d: Deployment) => Promise<void>): Promise<void> {
  const d = deployment(targets);
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}

/** Waits until the server lists these replicas as pollers of the shared unit queue. */
async function polling(d: Deployment, ids: string[]): Promise<void> {
  const { client, close } = await testClient();
  try {
    for (let i = 0; i < 100; i++) {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: unitTaskQueue(d.taskQueue, 'synthetic') },
        taskQueueType: 2, // TASK_QUEUE_TYPE_ACTIVITY
      });
      const seen = new Set((pollers ?? []).map((p) => p.identity));
      if (ids.every((id) => seen.has(id))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`replicas ${ids.join(', ')} never polled`);
  } finally {
    await close();
  }
}

async function runCycle(d: Deployment): Promise<CycleResult> {
  const { client, close } = await testClient();
  try {
    return (await client.workflow.execute('collectionCycle', {
      taskQueue: d.taskQueue,
      workflowId: `routing-${randomUUID()}`,
      args: [{ collector: 'synthetic', asOf: ASOF.toISOString() }],
    })) as CycleResult;
  } finally {
    await close();
  }
}

beforeEach(() => {
  ranOn.clear();
  plannedBy.length = 0;
});

test("with two replicas, each target's units all run on one replica's own queue, and both get targets", () =>
  inDeployment(12, async (d) => {
    await d.replica('1@replica-a');
    await d.replica('2@replica-b');
    await polling(d, ['1@replica-a', '2@replica-b']);
    const result = await runCycle(d);
    // 12 targets × 4 groups.
    expect(result).toMatchObject({ units: 48, succeeded: 48, failed: 0 });
    const shared = unitTaskQueue(d.taskQueue, 'synthetic');
    const own = new Set([replicaQueue(shared, '1@replica-a'), replicaQueue(shared, '2@replica-b')]);
    const queueOfTarget = new Map<string, Set<string>>();
    for (const [unit, queue] of ranOn) {
      const target = unit.split('/')[1]!;
      queueOfTarget.set(target, (queueOfTarget.get(target) ?? new Set()).add(queue));
    }
    expect(queueOfTarget.size).toBe(12);
    for (const queues of queueOfTarget.values()) {
      expect(queues.size).toBe(1);
      expect(own.has([...queues][0]!)).toBe(true);
    }
    expect(new Set([...queueOfTarget.values()].map((q) => [...q][0])).size).toBe(2);
  }));

test("a replica that stopped after it was seen: its units run on the shared queue, later batches don't wait", () =>
  inDeployment(12, async (d) => {
    await d.replica('1@replica-a');
    const b = await d.replica('2@replica-b');
    await polling(d, ['1@replica-a', '2@replica-b']);
    // Stopped within the poll expiry: the plan still lists it and routes its share to its queue.
    await b.stop();
    const started = Date.now();
    const result = await runCycle(d);
    const seconds = (Date.now() - started) / 1000;
    expect(result).toMatchObject({ units: 48, succeeded: 48, failed: 0 });
    const shared = unitTaskQueue(d.taskQueue, 'synthetic');
    const queues = new Set(ranOn.values());
    expect(queues.has(replicaQueue(shared, '2@replica-b'))).toBe(false);
    // Replica b's units waited for it once (3 s in the first batch that had one), then went to the
    // shared queue; the other 5 batches (48 units / 8) sent theirs there at once, so the cycle took
    // far less than a wait per batch (6 × 3 s).
    expect(queues.has(shared)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThan(12);
  }));

test('one replica alone: no routing, every unit on the shared queue', () =>
  inDeployment(3, async (d) => {
    await d.replica('1@replica-a');
    await polling(d, ['1@replica-a']);
    const result = await runCycle(d);
    expect(result).toMatchObject({ units: 12, succeeded: 12 });
    expect(new Set(ranOn.values())).toEqual(new Set([unitTaskQueue(d.taskQueue, 'synthetic')]));
  }));

test('one replica plans every cycle while the replicas stay; a planner that stopped is replaced after the wait', () =>
  inDeployment(4, async (d) => {
    const a = await d.replica('1@replica-a');
    const b = await d.replica('2@replica-b');
    await polling(d, ['1@replica-a', '2@replica-b']);
    for (let i = 0; i < 3; i++) await runCycle(d);
    // Whichever replica took each planCycle first, the same one planned all three.
    expect(plannedBy).toHaveLength(3);
    expect(new Set(plannedBy).size).toBe(1);
    // Stop the planner: the next plan waits 3 s for it, then any replica (the other) plans.
    const planner = plannedBy[0]!;
    await (planner === '1@replica-a' ? a : b).stop();
    plannedBy.length = 0;
    const started = Date.now();
    const result = await runCycle(d);
    expect(result).toMatchObject({ units: 16, succeeded: 16 });
    expect(plannedBy).toEqual([planner === '1@replica-a' ? '2@replica-b' : '1@replica-a']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  }));
