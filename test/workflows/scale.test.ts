import type { CycleResult } from '../../src/workflows/types';
import { historyStats } from '../support/history';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { syntheticCollector } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

// Temporal warns at 10,240 events / 10 MB of history and at 256 KB per payload.
const MAX_EVENTS = 10_000;
const MAX_HISTORY_BYTES = 10 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 256 * 1024;

test('a cycle of 500 targets × 4 groups completes within Temporal limits', async () => {
  const sink = memorySink();
  const runtime = testRuntime({
    collector: syntheticCollector,
    settings: { targets: { count: 500 }, options: {} },
    batchSize: 50,
    concurrentBatches: 4,
  });
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const { result, stats } = await withWorker({ runtime, sink }, async ({ client, taskQueue }) => {
    const workflowId = `scale-${taskQueue}`;
    const handle = await client.workflow.start('collectionCycle', {
      taskQueue,
      workflowId,
      args: [{ collector: 'synthetic', asOf }],
    });
    const result = (await handle.result()) as CycleResult;
    // 2,000 units in batches of 50 → 40 child workflows, `<id>/batch-1` … `<id>/batch-40`.
    const ids = [workflowId, ...Array.from({ length: 40 }, (_, i) => `${workflowId}/batch-${i + 1}`)];
    const stats = await Promise.all(ids.map((id) => historyStats(client.workflow.getHandle(id))));
    return { result, stats };
  });

  expect(result.units).toBe(2000);
  expect(result.failed).toBe(0);
  // Per target: alpha 4 points (value, present_only, 2 × by_status), beta/gamma/delta 1 each = 7; × 500.
  expect(result.submitted).toBe(3500);
  expect(sink.points.filter((p) => !p.metric.startsWith('collector.'))).toHaveLength(3500);
  // Health: 5 cycle gauges + 4 group.skipped (one per group) + 2,000 group.success points.
  expect(sink.points.filter((p) => p.metric.startsWith('collector.'))).toHaveLength(2009);
  for (const s of stats) {
    expect(s.events).toBeLessThan(MAX_EVENTS);
    expect(s.bytes).toBeLessThan(MAX_HISTORY_BYTES);
    expect(s.largestEventBytes).toBeLessThan(MAX_PAYLOAD_BYTES);
  }
  const parent = stats[0]!;
  process.stderr.write(
    `[scale] parent history: ${parent.events} events, ${parent.bytes} B, largest event ${parent.largestEventBytes} B; ` +
      `largest child: ${Math.max(...stats.slice(1).map((s) => s.bytes))} B\n`,
  );
}, 240_000);
