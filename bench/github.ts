/**
 * GitHub collector benchmark (`npm run bench -- github`): what a cycle costs against the fake GitHub
 * answering after 50 ms, for 1, 10 and 50 generated busy repos. Each size gets a fresh fake and cold
 * caches, then three cycles 15 minutes apart: cold, warm over the same data, warm after a small
 * change. Per repo per cycle: rate-limited requests, their ratio to the least pages the same data
 * needs (scripts/bench/github/baseline.ts), GraphQL points; per cycle: wall time and peak memory.
 * Progress on stderr, the tables on stdout, everything in out/bench/github.json.
 */
import { loadavg } from 'node:os';
import { processEtagCache, clearProcessCaches } from '../src/collectors/github/client/caches';
import { processDetailsCache } from '../src/collectors/github/pulls/details';
import { benchOutDir, machineUnderLoad, writeResults } from './driver/results';
import { runBench } from './driver/run';
import { parseGithubBenchArgs, USAGE, type GithubBenchOptions } from './github/args';
import type { RepoBaseline } from './github/baseline';
import { CHANGE_DESCRIPTION } from './github/change';
import { benchSettings, TOKEN, WORKFLOWS } from './github/context';
import { runCycle } from './github/cycle';
import { startFakeHost, type FakeHost } from './github/host';
import {
  CYCLE_LABELS,
  cycleResult,
  goals,
  renderTables,
  type CycleKind,
  type CycleResult,
  type GithubBenchResult,
} from './github/report';

/** The instant the generated data is relative to: fixed, so every run lists the same aligned ranges. */
const NOW = new Date('2025-06-15T12:07:00Z');
const CYCLE_MS = 15 * 60_000;

const progress = (line: string) => process.stderr.write(`[bench github] ${line}\n`);

let running: FakeHost | undefined;

async function main(options: GithubBenchOptions): Promise<void> {
  if (typeof global.gc !== 'function')
    progress('node runs without --expose-gc: memory is read without a full GC');
  const startedAt = new Date();
  const loadBefore = loadavg();
  const outDir = await benchOutDir();

  // Unmeasured: loads the collector's modules and warms the JIT, so the first measured cycle does not pay for it.
  await scenario(1, options, () => Promise.resolve(), 'warm-up (not reported), ');

  const cycles: CycleResult[] = [];
  let dataset: Record<string, number> = {};
  for (const repos of options.repos) {
    await scenario(repos, options, (result, baseline) => {
      cycles.push(result);
      if (result.kind === 'cold') dataset = datasetSummary(baseline);
      return Promise.resolve();
    });
  }

  const result: GithubBenchResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: machineUnderLoad(loadBefore),
    options,
    change: CHANGE_DESCRIPTION,
    dataset,
    cycles,
    goals: goals(cycles),
  };
  await writeResults(outDir, 'github', result, renderTables(result), progress);
  const failed = cycles.flatMap((c) => c.failedUnits);
  if (failed.length) {
    throw new Error(
      `${failed.length} unit(s) failed, so the counts above are short: ` +
        failed
          .slice(0, 3)
          .map((f) => `${f.group} ${f.repo}: ${f.error}`)
          .join('; '),
    );
  }
}

/** One repo count: a fresh fake and cold caches, then the cold, warm and changed cycles. */
async function scenario(
  repos: number,
  options: GithubBenchOptions,
  onCycle: (result: CycleResult, baseline: readonly RepoBaseline[]) => Promise<void>,
  label = '',
): Promise<void> {
  const generated = Date.now();
  const {
    host,
    started: { url },
  } = await startFakeHost({
    repos,
    seed: options.seed,
    now: NOW.toISOString(),
    latencyMs: options.latencyMs,
    token: TOKEN,
    ...WORKFLOWS,
  });
  running = host;
  progress(
    `${label}${repos} repo(s): fake GitHub at ${url} (dataset generated in ${Date.now() - generated} ms)`,
  );
  try {
    clearProcessCaches();
    const names = Array.from({ length: repos }, (_, i) => `acme/service-${String(i + 1).padStart(2, '0')}`);
    const settings = benchSettings(url, names);
    const plan: { kind: CycleKind; asOf: Date }[] = [
      { kind: 'cold', asOf: NOW },
      { kind: 'warm', asOf: new Date(NOW.getTime() + CYCLE_MS) },
      { kind: 'changed', asOf: new Date(NOW.getTime() + 2 * CYCLE_MS) },
    ];
    let previousAsOf = NOW;
    for (const { kind, asOf } of plan) {
      if (kind === 'changed') {
        await host.call('change', { from: previousAsOf.toISOString(), to: asOf.toISOString() });
      }
      const { baseline } = await host.call('beginCycle', { asOf: asOf.toISOString() });
      const run = await runCycle({ repos: names, settings, asOf, concurrency: options.concurrency });
      const { requests, cpuMs } = await host.call('endCycle', {});
      const result = cycleResult({
        repos,
        kind,
        asOf,
        run,
        log: requests,
        fakeCpuMs: cpuMs,
        baseline,
        caches: { etag: processEtagCache.size, 'PR details': processDetailsCache.size },
      });
      progress(
        `${label}${repos} repo(s), ${CYCLE_LABELS[kind]}: ${(result.wallMs / 1000).toFixed(2)} s, ` +
          `${result.requests.charged} rate-limited requests (${result.requests.notModified} × 304), ` +
          `least ${result.baseline.pages} pages, CPU ${(result.cpu.collectorMs / 1000).toFixed(1)} s + ` +
          `fake ${(result.cpu.fakeMs / 1000).toFixed(1)} s, peak RSS ${(result.memory.rssPeakBytes / 1e6).toFixed(0)} MB` +
          (result.failedUnits.length ? `, ${result.failedUnits.length} unit(s) FAILED` : ''),
      );
      for (const w of result.warnings) progress(`  units logged ${w.count} × "${w.message}"`);
      await onCycle(result, baseline);
      previousAsOf = asOf;
    }
  } finally {
    running = undefined;
    await host.stop();
  }
}

/** Mean items per repo of the listings the cold baseline counted. */
function datasetSummary(baseline: readonly RepoBaseline[]): Record<string, number> {
  const mean = (key: string) =>
    Math.round(
      (baseline.reduce((s, r) => s + (r.listings.find((l) => l.key === key)?.items ?? 0), 0) /
        Math.max(1, baseline.length)) *
        10,
    ) / 10;
  return {
    runs: mean('runs'),
    commits: mean('commits'),
    merged: mean('pulls.comments'),
    closed: mean('pulls.closed'),
    open: mean('pulls.open'),
    branches: mean('branches'),
  };
}

runBench({
  usage: USAGE,
  parse: parseGithubBenchArgs,
  main,
  cleanup: () => running?.stop() ?? Promise.resolve(),
  progress,
});
