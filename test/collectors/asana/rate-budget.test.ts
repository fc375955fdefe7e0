/**
 * The rate budget follows Asana's plan: 0.4 unit starts a second for the free plan's 150 requests a
 * minute, ten times that for a paid plan's 1,500, and a worker's unit queue carries what the
 * settings give (createWorkerSet's unitsPerSecond) instead of the declared default.
 */
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../../src/activities';
import { asanaCollector } from '../../../src/collectors/asana';
import { memoryLogger } from '../../../src/log';
import { createWorkerSet, runWorkerSet } from '../../../src/temporal/workers';
import { memorySink } from '../../support/memory-sink';
import { envSecrets, quietRuntime, testAddress } from '../../support/temporal';
import { settingsFor } from './fixture';

it('declares 0.4 units a second for the free plan and scales with options.requestsPerMinute', () => {
  expect(asanaCollector.rateBudget.unitsPerSecond).toBe(0.4);
  const paid = settingsFor('http://127.0.0.1:9', { options: { requestsPerMinute: 1500 } });
  expect(asanaCollector.rateBudgetFor!(paid).unitsPerSecond).toBe(4);
  expect(asanaCollector.rateBudgetFor!(settingsFor('http://127.0.0.1:9')).unitsPerSecond).toBe(0.4);
});

it('gives the unit queue the budget of the settings', async () => {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: testAddress() });
  try {
    const workers = await createWorkerSet({
      connection,
      taskQueue: 'asana-rate-budget',
      registry: new Map([['asana', asanaCollector]]),
      workflows: { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
      activities: createActivities({
        runtime: () => {
          throw new Error('no unit runs in this test');
        },
        secrets: envSecrets(),
        sink: memorySink(),
        log: memoryLogger('warn'),
        fetch,
      }),
      unitsPerSecond: (c) =>
        c.rateBudgetFor?.(settingsFor('http://127.0.0.1:9', { options: { requestsPerMinute: 1500 } }))
          .unitsPerSecond,
    });
    expect(workers.map((w) => [w.options.taskQueue, w.options.maxTaskQueueActivitiesPerSecond])).toEqual([
      ['asana-rate-budget', undefined],
      ['asana-rate-budget-asana', 4],
    ]);
    // Started and stopped at once: a worker holds its connection until it has run.
    await runWorkerSet(workers, Promise.resolve());
  } finally {
    await connection.close();
  }
});
