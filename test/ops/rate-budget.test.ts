/**
 * A collector's rate budget holds across replicas: two worker sets (as two pods would) poll the same
 * task queues; the collector's unit queue carries its budget as a server-side activity rate limit, so
 * together they start units no faster than the budget, and both do share the work.
 */
import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import type { Collector } from '../../src/collectors/types';
import { memoryLogger } from '../../src/log';
import { createWorkerSet, runWorkerSet } from '../../src/temporal/workers';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { syntheticCollector, type SyntheticSettings } from '../support/synthetic-collector';
import { envSecrets, quietRuntime, testAddress, testClient } from '../support/temporal';

const BUDGET = 4;

test('two worker sets on one queue keep the unit start rate within the collector’s budget', async () => {
  quietRuntime();
  const bundlePath = process.env.WORKFLOW_BUNDLE_PATH!;
  const taskQueue = `ops-rate-${randomUUID().slice(0, 8)}`;
  const starts: { at: number; replica: string }[] = [];
  const limited = (replica: string): Collector<SyntheticSettings> => ({
    ...syntheticCollector,
    rateBudget: { unitsPerSecond: BUDGET, note: 'test budget' },
    collect: (ctx) => {
      starts.push({ at: Date.now(), replica });
      return syntheticCollector.collect(ctx);
    },
  });
  const sink = memorySink();
  const connections = await Promise.all(
    [0, 1].map(() => NativeConnection.connect({ address: testAddress() })),
  );
  const { client, close } = await testClient();
  try {
    const sets = await Promise.all(
      ['a', 'b'].map((replica, i) => {
        const collector = limited(replica);
        // 10 targets × 4 groups = 40 units, one batch.
        const runtime = {
          ...testRuntime({ collector, settings: { targets: { count: 10 } }, batchSize: 50 }),
          taskQueue,
        };
        return createWorkerSet({
          connection: connections[i]!,
          taskQueue,
          registry: new Map([['synthetic', collector]]),
          workflows: { workflowBundle: { codePath: bundlePath } },
          activities: createActivities({
            runtime: () => runtime,
            secrets: envSecrets(),
            sink,
            log: memoryLogger('warn'),
            fetch,
          }),
        });
      }),
    );
    const cycle = client.workflow.execute('collectionCycle', {
      taskQueue,
      workflowId: `${taskQueue}-cycle`,
      args: [{ collector: 'synthetic' }],
    });
    const result = (await runWorkerSet(sets.flat(), cycle)) as CycleResult;
    expect(result).toMatchObject({ units: 40, succeeded: 40 });
  } finally {
    await close();
    await Promise.all(connections.map((c) => c.close()));
  }

  expect(starts).toHaveLength(40);
  const times = starts.map((s) => s.at).sort((a, b) => a - b);
  // 40 starts at 4 per second take at least 39 / 4 ≈ 9.75 s; allow 25 % for the limiter's burst.
  const rate = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
  expect(rate).toBeLessThanOrEqual(BUDGET * 1.25);
  const byReplica = {
    a: starts.filter((s) => s.replica === 'a').length,
    b: starts.filter((s) => s.replica === 'b').length,
  };
  expect(byReplica.a).toBeGreaterThan(0);
  expect(byReplica.b).toBeGreaterThan(0);
  process.stderr.write(
    `[ops] rate budget ${BUDGET}/s: observed ${rate.toFixed(2)} units/s over ${times.length} units ` +
      `(replica a ${byReplica.a}, b ${byReplica.b})\n`,
  );
}, 60_000);
