import { intFlag as int, parseFlags } from '../driver/args';

export interface SkyPilotBenchOptions {
  /** Managed jobs in the queue. */
  readonly jobs: number;
  /** Measured cycles per settings row (after one unmeasured warm-up cycle). */
  readonly cycles: number;
  /** Delay of every answer of the fake. */
  readonly latencyMs: number;
  readonly seed: number;
}

export const USAGE = `usage: npm run bench -- skypilot [--jobs 5000] [--cycles 5] [--latency 50] [--seed 1]
  --jobs N      managed jobs in the generated queue (default 5000)
  --cycles N    measured cycles per settings row, after one warm-up (default 5)
  --latency MS  delay of every answer of the fake SkyPilot API server (default 50)
  --seed N      seed of the generated queue (default 1)`;

export function parseSkyPilotBenchArgs(argv: readonly string[]): SkyPilotBenchOptions | 'help' {
  const values = parseFlags(argv, {
    jobs: { type: 'string', default: '5000' },
    cycles: { type: 'string', default: '5' },
    latency: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
  });
  if (values === 'help') return 'help';
  return {
    jobs: int('jobs', values.jobs, 1, 1_000_000),
    cycles: int('cycles', values.cycles, 1, 1000),
    latencyMs: int('latency', values.latency, 0, 10_000),
    seed: int('seed', values.seed, 0, 1_000_000),
  };
}
