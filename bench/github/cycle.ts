/**
 * One collection cycle in this process, as the engine runs it: every group × every repo (repo-major,
 * the engine's order), at most `concurrency` units in flight, each a direct `collect` call with the
 * context an activity would get. Memory is sampled while it runs, and read again after a full GC.
 */
import { githubCollector } from '../../src/collectors/github';
import { GROUPS, type GroupName } from '../../src/collectors/github/catalog';
import { githubSettingsSchema, type GithubSettings } from '../../src/collectors/github/settings';
import { targetOf } from '../../src/collectors/github/targets';
import { mapLimit } from '../../src/util/map-limit';
import { unitContext, warningsOf } from '../collector/context';
import { measureCycle, type CycleMemory } from '../collector/cycle';
import { secretsOf } from '../driver/secrets';

/** The fake's token (the fake rejects requests without it, as GitHub would). */
export const TOKEN = 'ghp_bench_token';

/** The workflows configured as tests and benchmarks: both run on main in the generated repos. */
export const WORKFLOWS = { testWorkflows: ['Tests'], benchmarkWorkflows: ['benchmarks.yml'] } as const;

const secrets = secretsOf({ 'github/dashboard-token': TOKEN });

export function benchSettings(apiUrl: string, repos: readonly string[]): GithubSettings {
  return githubSettingsSchema.parse({
    targets: { repos },
    options: {
      apiUrl,
      testWorkflows: WORKFLOWS.testWorkflows,
      benchmarkWorkflows: WORKFLOWS.benchmarkWorkflows,
      // The collector's own speed: a worker's paces, which keep a token under GitHub's secondary
      // limits, bound a deployment's cycle at its requests ÷ the pace (the github-org bench).
      requestsPerMinute: UNPACED,
      graphqlRequestsPerMinute: UNPACED,
    },
  });
}

/** Requests a minute that no cycle of the bench reaches. */
const UNPACED = 1_000_000;

export interface UnitResult {
  readonly repo: string;
  readonly group: GroupName;
  /** Rate-limited requests the unit reported (`github.api.requests`), by resource. */
  readonly requests: Record<string, number>;
  readonly error?: string;
  readonly warnings: readonly string[];
}

export interface MemoryPeak extends CycleMemory {
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

/** Memory is sampled this often while the units run (the table's notes say so). */
const SAMPLE_MS = 5;

export async function runCycle(opts: {
  repos: readonly string[];
  settings: GithubSettings;
  asOf: Date;
  concurrency: number;
}): Promise<CycleRun> {
  const units = opts.repos.flatMap((repo) => GROUPS.map((group) => ({ repo, group })));
  const cycle = await measureCycle(SAMPLE_MS, () =>
    mapLimit(units, opts.concurrency, ({ repo, group }) => runUnit(repo, group, opts.settings, opts.asOf)),
  );
  global.gc?.();
  const after = process.memoryUsage();
  return {
    wallMs: cycle.wallMs,
    cpuMs: cycle.cpuMs,
    units: cycle.result,
    memory: { ...cycle.memory, rssAfterBytes: after.rss, heapAfterBytes: after.heapUsed },
  };
}

async function runUnit(
  repo: string,
  group: GroupName,
  settings: GithubSettings,
  asOf: Date,
): Promise<UnitResult> {
  const ctx = unitContext({ group, target: targetOf(repo), settings, asOf, secrets });
  try {
    const points = await githubCollector.collect(ctx);
    const requests: Record<string, number> = {};
    for (const p of points) {
      if (p.metric === 'github.api.requests') requests[p.tags?.resource ?? '?'] = p.value;
    }
    return { repo, group, requests, warnings: warningsOf(ctx) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { repo, group, requests: {}, error, warnings: warningsOf(ctx) };
  }
}
