import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { loadConfig } from '../../src/config';
import { memoryLogger } from '../../src/log';
import { createWorker } from '../../src/temporal/worker';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { syntheticCollector } from '../support/synthetic-collector';
import { envSecrets, quietRuntime, testAddress, testClient } from '../support/temporal';

const registry = new Map([['synthetic', syntheticCollector]]);

function configFile(taskQueue: string, count: number | string): string {
  return [
    `temporal: { address: "${testAddress()}", taskQueue: ${taskQueue} }`,
    'datadog: { env: prod }',
    'collectors:',
    '  synthetic:',
    `    targets: { count: ${count} }`,
    '    groups: { gamma: { enabled: false } }',
  ].join('\n');
}

test('the worker runs cycles from the config file and reads it again when it changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collectors-worker-'));
  const path = join(dir, 'collectors.yaml');
  const taskQueue = `worker-${Date.now()}`;
  writeFileSync(path, configFile(taskQueue, 2));
  quietRuntime();
  const config = loadConfig({ path, registry, required: true, env: {} });
  const sink = memorySink();
  const workers = await createWorker({
    config,
    configPath: path,
    registry,
    secrets: envSecrets(),
    sink,
    log: memoryLogger('warn'),
    env: {},
  });
  const { client, close: closeClient } = await testClient();
  const cycle = async (n: number): Promise<CycleResult> =>
    (await client.workflow.execute('collectionCycle', {
      taskQueue,
      workflowId: `${taskQueue}-${n}`,
      args: [{ collector: 'synthetic' }],
    })) as CycleResult;
  try {
    await workers.run(
      (async () => {
        // 2 targets × 3 enabled groups (gamma is disabled in the file).
        const first = await cycle(1);
        expect(first.units).toBe(6);
        expect(sink.points.find((p) => !p.metric.startsWith('collector.'))?.tags).toContain('env:prod');

        // Config is read at run time: the next cycle sees 3 targets without a restart.
        writeFileSync(path, configFile(taskQueue, 3));
        const second = await cycle(2);
        expect(second.units).toBe(9);

        // An invalid edit fails the next cycle with the validation message at the top of the
        // failure (what the Web UI shows first), not silently.
        writeFileSync(path, configFile(taskQueue, '"many"'));
        const third = await cycle(3).catch((e: unknown) => e);
        expect(third).toBeInstanceOf(WorkflowFailedError);
        const message = (third as WorkflowFailedError).cause?.message ?? '';
        expect(message).toMatch(/^synthetic: the cycle could not be planned: /);
        expect(message).toContain('the config file changed and is now invalid');
        expect(message).toContain(`${path}: collectors.synthetic.targets.count`);
      })(),
    );
  } finally {
    await closeClient();
    await workers.close();
  }
});
