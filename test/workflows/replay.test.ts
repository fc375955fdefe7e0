import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';

// Histories recorded from real runs (npm run record-histories). Replaying them against today's
// workflow code catches a non-deterministic change before it reaches running cycles.
const dir = join(__dirname, '..', 'fixtures', 'histories');

test('replays every recorded collectionCycle and collectBatch history without non-determinism', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  // 3 scenarios × (cycle + batch).
  expect(files).toHaveLength(6);
  // `<scenario>.cycle.json` was workflow `record-<scenario>`, `<scenario>.batch.json` its first batch.
  const histories = files.map((f) => ({
    workflowId: f
      .replace(/^(.*)\.cycle\.json$/, 'record-$1')
      .replace(/^(.*)\.batch\.json$/, 'record-$1/batch-1'),
    history: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown,
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
