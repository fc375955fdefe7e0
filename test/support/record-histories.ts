/**
 * Records the histories that test/workflows/replay.test.ts replays: a healthy cycle, a partial
 * failure and a cycle where every unit fails (parent and first batch each). Run it after changing
 * workflow code on purpose, and commit the result:
 *
 *   npm run record-histories
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { memorySink } from './memory-sink';
import { testRuntime } from './runtime';
import { syntheticCollector, type Behaviour } from './synthetic-collector';
import { withWorker } from './temporal';

const scenarios: Record<string, Record<string, Behaviour>> = {
  healthy: {},
  'partial-failure': { 'beta/t001': { permanent: 'no access' }, 'alpha/t000': { failTimes: 1 } },
  'all-failed': { '*': { permanent: 'bad credentials' } },
};

test('records collectionCycle histories', async () => {
  const dir = join(__dirname, '..', 'fixtures', 'histories');
  for (const [name, behaviours] of Object.entries(scenarios)) {
    const runtime = testRuntime({
      collector: syntheticCollector,
      settings: { targets: { count: 3 }, options: { behaviours } },
      batchSize: 8,
    });
    await withWorker({ runtime, sink: memorySink() }, async ({ client, taskQueue }) => {
      // replay.test.ts derives these ids from the file names.
      const handle = await client.workflow.start('collectionCycle', {
        taskQueue,
        workflowId: `record-${name}`,
        args: [{ collector: 'synthetic' }],
      });
      await handle.result().catch(() => undefined);
      for (const [suffix, id] of [
        ['cycle', handle.workflowId],
        ['batch', `${handle.workflowId}/batch-1`],
      ] as const) {
        const history = await client.workflow.getHandle(id).fetchHistory();
        await writeFile(join(dir, `${name}.${suffix}.json`), historyToJSON(history));
      }
    });
  }
}, 60_000);
