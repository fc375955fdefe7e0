/**
 * One collection cycle in this process, as the engine runs it: every group × every repo (repo-major,
 * the engine's order), at most `concurrency` units in flight, each a direct `collect` call with the
 * context an activity would get. Memory is sampled while it runs.
 */
import { performance } from 'node:perf_hooks';
import { githubCollector } from '../../src/collectors/github';
import { GROUPS, type GroupName } from '../../src/collectors/github/catalog';
import type { GithubSettings } from '../../src/collectors/github/settings';
import { mapLimit } from '../../src/util/map-limit';
import { unitContext } from './context';

export interface UnitResult {
  readonly repo: string;
  readonly group: GroupName;
  /** Rate-limited requests the unit reported (`github.api.requests`), by resource. */
  readonly requests: Record<string, number>;
  readonly error?: string;
  readonly warnings: readonly string[];
}

export interface MemoryPeak {
  /** After a full GC, just before the cycle. */
  readonly rssBeforeBytes: number;
  readonly heapBeforeBytes: number;
  /** Highest readings while the cycle ran (every SAMPLE_MS, on the event loop). */
  readonly rssPeakBytes: number;
  readonly heapPeakBytes: number;
  /** After the cycle and a full GC: what stays (mostly the ETag and PR-detail caches). */
  readonly rssAfterBytes: number;
  readonly heapAfterBytes: number;
}

export interface CycleRun {
  readonly wallMs: number;
  /** CPU time of this process during the cycle (user + system). */
  readonly cpuMs: number;
  readonly units: UnitResult[];
  readonly memory: MemoryPeak;
}

export const SAMPLE_MS = 5;

export async function runCycle(opts: {
  repos: readonly string[];
  settings: GithubSettings;
  asOf: Date;
  concurrency: number;
}): Promise<CycleRun> {
  const units = opts.repos.flatMap((repo) => GROUPS.map((group) => ({ repo, group })));
  global.gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let results: UnitResult[];
  try {
    results = await mapLimit(units, opts.concurrency, ({ repo, group }) =>
      runUnit(repo, group, opts.settings, opts.asOf),
    );
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  global.gc?.();
  const after = process.memoryUsage();
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    units: results,
    memory: {
      rssBeforeBytes: before.rss,
      heapBeforeBytes: before.heapUsed,
      rssPeakBytes: rssPeak,
      heapPeakBytes: heapPeak,
      rssAfterBytes: after.rss,
      heapAfterBytes: after.heapUsed,
    },
  };
}

async function runUnit(
  repo: string,
  group: GroupName,
  settings: GithubSettings,
  asOf: Date,
): Promise<UnitResult> {
  const ctx = unitContext(group, repo, settings, asOf);
  const warnings = () =>
    ctx.log.lines.map((l) => {
      const { level, msg } = JSON.parse(l) as { level: string; msg: string };
      return `${level}: ${msg}`;
    });
  try {
    const points = await githubCollector.collect(ctx);
    const requests: Record<string, number> = {};
    for (const p of points) {
      if (p.metric === 'github.api.requests') requests[p.tags?.resource ?? '?'] = p.value;
    }
    return { repo, group, requests, warnings: warnings() };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { repo, group, requests: {}, error, warnings: warnings() };
  }
}
