/**
 * Unified service tagging and user tags on what Datadog receives: a config file's datadog.version,
 * datadog.tags and targetTags, through a real cycle on Temporal, the real Datadog client and the
 * loopback intake, on the data points and the health points alike.
 */
import { parseConfig } from '../../src/config';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { runtimeFromConfig } from '../../src/engine/runtime-from-config';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { memoryLogger } from '../../src/log';
import type { CycleResult } from '../../src/workflows/types';
import { syntheticCollector } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

const registry = new Map([['synthetic', syntheticCollector]]);

let intake: FakeIntake;
beforeEach(async () => {
  intake = await startFakeIntake();
});
afterEach(() => intake.close());

test('every point carries env, service, version and the user tags; a target tag wins over a global one', async () => {
  const config = parseConfig(
    {
      datadog: {
        env: 'prod',
        service: 'collectors',
        version: '2.3.0',
        tags: ['team:platform', 'cost-center:42'],
      },
      collectors: {
        synthetic: {
          targets: { count: 2 },
          // t000 matches both entries: the later one wins for `tier`; its `team` replaces datadog.tags'.
          targetTags: { 't*': ['tier:silver'], t000: ['tier:gold', 'team:web'], t999: ['tier:none'] },
        },
      },
    },
    { env: { DD_TAGS: '' }, registry, source: 'collectors.yaml' },
  );
  const runtime = runtimeFromConfig(config, registry);
  const log = memoryLogger('warn');
  const sink = createDatadogSink({ apiKey: intake.apiKey, url: intake.url, log });
  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000);
  const result = await withWorker({ runtime, sink, log }, async ({ client, taskQueue }) => {
    const handle = await client.workflow.start('collectionCycle', {
      taskQueue,
      workflowId: `tags-${taskQueue}`,
      args: [{ collector: 'synthetic', asOf: asOf.toISOString() }],
    });
    return (await handle.result()) as CycleResult;
  });
  expect(result.failed).toBe(0);
  // A manual run, or a backfill when the machine was slow enough for the slot to be a whole collection
  // interval (1 minute) old at the start: what is checked here is the tags, not the mode.
  const mode = `mode:${result.mode}`;

  const tagsOf = (metric: string, ...having: string[]) =>
    intake.series.find((s) => s.metric === metric && having.every((t) => s.tags?.includes(t)))?.tags;
  const unified = ['collector:synthetic', 'env:prod', 'service:collectors', 'version:2.3.0'];
  expect(tagsOf('synthetic.beta.value', 'target:t000')?.sort()).toEqual(
    [...unified, 'cost-center:42', 'target:t000', 'team:web', 'tier:gold'].sort(),
  );
  expect(tagsOf('synthetic.beta.value', 'target:t001')?.sort()).toEqual(
    [...unified, 'cost-center:42', 'target:t001', 'team:platform', 'tier:silver'].sort(),
  );
  // Health: the cycle's gauges carry the deployment's tags; a unit's success its target's too.
  expect(tagsOf('collector.synthetic.duration_seconds')?.sort()).toEqual(
    [...unified, 'cost-center:42', mode, 'team:platform'].sort(),
  );
  expect(tagsOf('collector.synthetic.group.success', 'target:t000', 'group:beta')?.sort()).toEqual(
    [...unified, 'cost-center:42', 'group:beta', mode, 'target:t000', 'team:web', 'tier:gold'].sort(),
  );
  // An entry that matches no target is a warning (a typo, or a target that is gone), not an error.
  const warning = log.lines
    .map((l) => JSON.parse(l) as { level: string; msg: string; entries?: string[] })
    .find((l) => l.msg.includes('targetTags'));
  expect(warning).toMatchObject({
    level: 'warn',
    msg: 'collectors.synthetic.targetTags: entries that match no target of this cycle',
    entries: ['t999'],
  });
  // No point has two values of one key.
  for (const s of intake.series) {
    const keys = (s.tags ?? []).map((t) => t.slice(0, t.indexOf(':')));
    expect([s.metric, new Set(keys).size]).toEqual([s.metric, keys.length]);
  }
});
