/**
 * The sandbox's wiring without Temporal: the fakes, the in-memory config and the secret resolver make
 * every collector's cycle succeed against its fake, with `env:sandbox` and deployment `sandbox`,
 * without reading or changing process.env; and the dry-run output's headers say what happened.
 */
import { PassThrough } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { registry } from '../../src/collectors/registry';
import { collectLocal } from '../../src/engine/collect-local';
import { runtimeFromConfig } from '../../src/engine/runtime-from-config';
import { memoryLogger } from '../../src/log';
import { startSandboxFakes, type SandboxFakes } from '../../src/sandbox';
import { createConsoleSink, submissionHeader } from '../../src/sandbox/console-sink';
import { syntheticCollector } from '../support/synthetic-collector';

let fakes: SandboxFakes | undefined;

afterEach(async () => {
  await fakes?.close();
  fakes = undefined;
});

test('every implemented collector runs a whole cycle against its fake, tagged env:sandbox', async () => {
  const before = { ...process.env };
  fakes = await startSandboxFakes(registry);
  expect(fakes.services.map((s) => s.collector).sort()).toEqual([...registry.keys()].sort());
  expect(fakes.skipped).toEqual([]);
  const config = fakes.config({ temporalAddress: '127.0.0.1:1', healthPort: 0, metricsPort: 0 });
  expect(config).toMatchObject({ deployment: 'sandbox', source: '<sandbox>', secrets: { backend: 'env' } });
  expect(config.datadog.env).toBe('sandbox');
  expect(config.temporal.taskQueue).toBe('sandbox-collectors');
  for (const c of Object.values(config.collectors)) {
    expect(c).toMatchObject({ enabled: true, intervalMs: 30_000, catchupWindowMs: 10_000 });
  }
  const log = memoryLogger('warn');
  const secrets = fakes.secrets(log);
  const runtime = runtimeFromConfig(config, registry);
  for (const name of registry.keys()) {
    const run = await collectLocal({ runtime, collector: name, asOf: new Date(), secrets, log, fetch });
    expect(run.outcomes.filter((o) => !o.ok)).toEqual([]);
    // Every unit reports (its points are checked metric by metric in test/conformance).
    expect(run.outcomes.filter((o) => o.points === 0)).toEqual([]);
    expect(run.points.filter((p) => !p.tags.includes('env:sandbox'))).toEqual([]);
  }
  // The tokens live in the sandbox's resolver only.
  expect(await secrets.get('github/dashboard-token')).toMatch(/^ghp_sandbox_/);
  expect(process.env).toEqual(before);
});

test('a collector without a fake is left out of the sandbox, never run against its service', async () => {
  const withExtra = new Map([...registry, ['synthetic', syntheticCollector]]);
  fakes = await startSandboxFakes(withExtra);
  expect(fakes.skipped).toEqual(['synthetic']);
  const config = fakes.config({ temporalAddress: '127.0.0.1:1', healthPort: 0, metricsPort: 0 });
  expect(Object.keys(config.collectors).sort()).toEqual([...registry.keys()].sort());
});

const point = (metric: string, value: number, timestamp = 1_795_000_000): DataPoint => ({
  metric,
  type: 'gauge',
  value,
  timestamp,
  tags: ['collector:github', 'env:sandbox', 'service:datadog-collectors'],
});

test('each submission gets a header: collector, slot, points, workflow; health sums the cycle up', async () => {
  const caller = { workflowId: 'sandbox-cycle-github-2026-11-27T10:00:00Z', runId: 'r1' };
  const data = submissionHeader([point('github.prs.open', 3), point('github.prs.draft', 1)], caller, {
    namespace: 'default',
  });
  // 1_795_000_000 s is 2026-11-18T11:06:40Z.
  expect(data).toBe(
    '\n=== github · data · slot 2026-11-18T11:06:40Z · 2 points · sandbox-cycle-github-2026-11-27T10:00:00Z\n',
  );
  const health = [
    point('collector.github.duration_seconds', 2.345),
    point('collector.github.error_count', 1),
    point('collector.github.metric_count', 40),
    point('collector.github.group.success', 1),
    point('collector.github.group.success', 0),
  ];
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const dir = mkdtempSync(join(tmpdir(), 'console-sink-'));
  try {
    const file = join(dir, 'points.jsonl');
    const sink = createConsoleSink({
      out,
      log: memoryLogger(),
      file,
      webUi: 'http://localhost:8233',
      namespace: 'default',
      caller: () => caller,
    });
    await sink.submit(health, { deadline: new Date() });
    expect(text.split('\n').slice(0, 3)).toEqual([
      '',
      '=== github · cycle finished · 2 units, 1 failed · 40 points · 2.3 s · sandbox-cycle-github-2026-11-27T10:00:00Z',
      '    Web UI: http://localhost:8233/namespaces/default/workflows/sandbox-cycle-github-2026-11-27T10%3A00%3A00Z/r1/history',
    ]);
    expect(text).toContain('collector.github.error_count');
    // A cycle that skipped units says how many: group.skipped summed over the groups, 2 + 0.
    const skipped = [
      ...health,
      point('collector.github.group.skipped', 2),
      point('collector.github.group.skipped', 0),
    ];
    expect(submissionHeader(skipped, caller, { namespace: 'default' })).toContain(
      '· cycle finished · 2 units, 1 failed, 2 skipped · 40 points · 2.3 s ·',
    );
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(health.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
