import { temporal } from '@temporalio/proto';
import { memoryLogger } from '../../src/log';
import type { CycleResult } from '../../src/workflows/types';
import { createSecretResolver } from '../../src/secrets/resolver';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { syntheticCollector } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

const TOKEN = 'sk-synthetic-5f1e2d3c4b';

test('no secret value reaches any workflow history or log line, even when a collector leaks it', async () => {
  const log = memoryLogger('debug');
  // The env backend: the secret `synthetic/token` is read from SYNTHETIC_TOKEN.
  const secrets = createSecretResolver({
    backend: 'env',
    declared: [],
    env: { SYNTHETIC_TOKEN: TOKEN },
    ttlMs: 0,
    log,
  });
  const runtime = testRuntime({
    collector: syntheticCollector,
    settings: {
      targets: { count: 2 },
      // Every unit reads the token; one unit puts it in its error message (a collector bug).
      options: { secret: 'synthetic/token', behaviours: { 'beta/t001': { leakSecret: true } } },
    },
    groups: {
      beta: {
        retry: { maximumAttempts: 1, initialIntervalMs: 100, maximumIntervalMs: 100, backoffCoefficient: 1 },
      },
    },
  });
  const { histories, failure } = await withWorker(
    { runtime, sink: memorySink(), secrets, log },
    async ({ client, taskQueue }) => {
      const handle = await client.workflow.start('collectionCycle', {
        taskQueue,
        workflowId: `secrets-${taskQueue}`,
        args: [{ collector: 'synthetic' }],
      });
      const result = (await handle.result()) as CycleResult;
      // Search visibility for every workflow this cycle ran (the parent and its batch), as an operator would.
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` }))
        ids.push(wf.workflowId);
      const histories = await Promise.all(ids.map((id) => client.workflow.getHandle(id).fetchHistory()));
      return { histories, failure: result.outcomes.find((o) => !o.ok)?.error };
    },
  );

  // The parent and one batch (8 units fit in one batch of 50).
  expect(histories).toHaveLength(2);
  expect(failure).toBe('upstream refused token ***');
  for (const history of histories) {
    const bytes = Buffer.from(
      temporal.api.history.v1.History.encode(temporal.api.history.v1.History.fromObject(history)).finish(),
    );
    // Payloads are stored as their JSON bytes inside the protobuf encoding: search those bytes.
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    expect(bytes.includes(Buffer.from('upstream refused token ***'))).toBe(true);
  }
  expect(log.lines.length).toBeGreaterThan(0);
  expect(log.lines.filter((l) => l.includes(TOKEN))).toEqual([]);
});
