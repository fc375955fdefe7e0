/**
 * GitHub collector benchmark (`npm run bench -- github`): what a cycle costs against the fake GitHub
 * answering after 50 ms, for 1, 10 and 50 generated busy repos. Each size gets a fresh fake and cold
 * caches, then three cycles 15 minutes apart: cold, warm over the same data, warm after a small
 * change. Per repo per cycle: rate-limited requests, their ratio to the least pages the same data
 * needs (bench/github/baseline.ts), GraphQL points; per cycle: wall time and peak memory.
 * Progress on stderr, the tables on stdout, everything in out/bench/github.json.
 */
import { processEtagCache, clearProcessCaches } from '../src/collectors/github/client/caches';
import { processDetailsCache } from '../src/collectors/github/pulls/details';
import { driveCollectorBench } from './collector/drive';
import type { CollectorBenchRun } from './collector/spec';
import { parseGithubBenchArgs, USAGE, type GithubBenchOptions } from './github/args';
import type { RepoBaseline } from './github/baseline';
import { CHANGE_DESCRIPTION } from './github/change';
import { benchSettings, runCycle, TOKEN, WORKFLOWS } from './github/cycle';
import type { GithubFake } from './github/fake';
import {
  CYCLE_LABELS,
  cycleResult,
  goals,
  renderTables,
  type CycleKind,
  type CycleResult,
  type GithubMeasured,
} from './github/report';

/** The instant the generated data is relative to: fixed, so every run lists the same aligned ranges. */
const NOW = new Date('2025-06-15T12:07:00Z');
const CYCLE_MS = 15 * 60_000;

type Run = CollectorBenchRun<GithubBenchOptions, GithubFake>;

async function measure(run: Run): Promise<GithubMeasured> {
  // Unmeasured: loads the collector's modules and warms the JIT, so the first measured cycle does not pay for it.
  await scenario(run, 1, () => undefined, 'warm-up (not reported), ');

  const cycles: CycleResult[] = [];
  let dataset: Record<string, number> = {};
  for (const repos of run.options.repos) {
    await scenario(run, repos, (result, baseline) => {
      cycles.push(result);
      if (result.kind === 'cold') dataset = datasetSummary(baseline);
    });
  }
  return { change: CHANGE_DESCRIPTION, dataset, cycles, goals: goals(cycles) };
}

/** One repo count: a fresh fake and cold caches, then the cold, warm and changed cycles. */
async function scenario(
  { options, progress, startFake }: Run,
  repos: number,
  onCycle: (result: CycleResult, baseline: readonly RepoBaseline[]) => void,
  label = '',
): Promise<void> {
  const generated = Date.now();
  const fake = await startFake({
    repos,
    seed: options.seed,
    now: NOW.toISOString(),
    latencyMs: options.latencyMs,
    token: TOKEN,
    ...WORKFLOWS,
  });
  const { url } = fake.started;
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
        await fake.call('change', { from: previousAsOf.toISOString(), to: asOf.toISOString() });
      }
      const baseline = await fake.call('baseline', { asOf: asOf.toISOString() });
      const { run, requests, fakeCpuMs } = await fake.around(() =>
        runCycle({ repos: names, settings, asOf, concurrency: options.concurrency }),
      );
      const result = cycleResult({
        repos,
        kind,
        asOf,
        run,
        log: requests,
        fakeCpuMs,
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
      onCycle(result, baseline);
      previousAsOf = asOf;
    }
  } finally {
    await fake.stop();
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

driveCollectorBench<GithubBenchOptions, GithubFake, GithubMeasured>({
  name: 'github',
  usage: USAGE,
  parse: parseGithubBenchArgs,
  startFake: async (args) => (await import('./github/fake.js')).startGithubFake(args),
  measure,
  render: renderTables,
  verify({ cycles }) {
    const failed = cycles.flatMap((c) => c.failedUnits);
    if (!failed.length) return;
    throw new Error(
      `${failed.length} unit(s) failed, so the counts above are short: ` +
        failed
          .slice(0, 3)
          .map((f) => `${f.group} ${f.repo}: ${f.error}`)
          .join('; '),
    );
  },
});
