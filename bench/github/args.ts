import { FAKE_FLAGS, fakeOptions } from '../collector/flags';
import { intFlag as int, parseFlags } from '../driver/args';

export interface GithubBenchOptions {
  /** Repo counts, one scenario each (fresh fake, cold caches). */
  readonly repos: readonly number[];
  /** Units in flight at once. */
  readonly concurrency: number;
  /** Delay of every answer of the fake. */
  readonly latencyMs: number;
  readonly seed: number;
}

export const USAGE = `usage: npm run bench -- github [--repos 1,10,50] [--concurrency 16] [--latency 50] [--seed 1]
  --repos N,…       repo counts to measure, each against a fresh fake with cold caches (default 1,10,50)
  --concurrency N   units (group × repo) in flight at once (default 16)
  --latency MS      delay of every answer of the fake GitHub (default 50)
  --seed N          seed of the generated dataset (default 1)`;

export function parseGithubBenchArgs(argv: readonly string[]): GithubBenchOptions | 'help' {
  const values = parseFlags(argv, {
    repos: { type: 'string', default: '1,10,50' },
    concurrency: { type: 'string', default: '16' },
    ...FAKE_FLAGS,
  });
  if (values === 'help') return 'help';
  const repos = values.repos.split(',').map((r) => int('repos', r.trim(), 1, 99));
  return {
    repos: [...new Set(repos)].sort((a, b) => a - b),
    concurrency: int('concurrency', values.concurrency, 1, 200),
    ...fakeOptions(values),
  };
}
