import { intFlag as int, parseFlags } from '../driver/args';
import { TEMPORAL_USAGE } from '../driver/temporal';
import { READINGS, isReading, type ReadingName } from './readings';

export interface GithubOrgOptions {
  /** How the collector reads the organization (readings.ts): each in turn, the first with --slots, the others as baselines. */
  readonly readings: readonly ReadingName[];
  /** Slots of each reading after the first. */
  readonly baselineSlots: number;
  /** Repos of the organization, busy ones included. */
  readonly repos: number;
  /** Busy repos among them (the rest are quiet). */
  readonly busy: number;
  /** 15-minute slots run back to back: the first cold, the others warm. */
  readonly slots: number;
  /** Delay of every answer of the fake GitHub. */
  readonly latencyMs: number;
  readonly seed: number;
  /** Worker replicas, each a process of its own. */
  readonly replicas: number;
  /** Before this slot (1-based), one replica is killed and started again. */
  readonly restartReplica?: number;
  /** The replicas' V8 heap limit, MiB, as the chart sets it from a memory limit; 0: none (V8's own, from the machine's memory). */
  readonly heapMiB: number;
}

export const DEFAULTS = {
  repos: 500,
  busy: 10,
  slots: 8,
  baselineSlots: 2,
  latencyMs: 50,
  seed: 1,
  replicas: 2,
  /** The chart's: 75 % of its default memory limit, 1Gi. */
  heapMiB: 768,
} as const;

export const USAGE = `usage: npm run bench -- github-org [--repos ${DEFAULTS.repos}] [--slots ${DEFAULTS.slots}] [--latency-ms ${DEFAULTS.latencyMs}] [--seed ${DEFAULTS.seed}]
       [--busy ${DEFAULTS.busy}] [--replicas ${DEFAULTS.replicas}] [--restart-replica SLOT] [--reading ${READINGS.join(',')}]
       [--baseline-slots ${DEFAULTS.baselineSlots}] [--heap-mib ${DEFAULTS.heapMiB}]
  --repos N            repos of the organization acme: --busy of them busy, the rest quiet (default ${DEFAULTS.repos})
  --busy N             busy repos among them (default ${DEFAULTS.busy}, at most --repos)
  --slots N            15-minute slots run back to back, the first cold (default ${DEFAULTS.slots}: the cold first hour,
                       then the steady state)
  --latency-ms MS      delay of every answer of the fake GitHub (default ${DEFAULTS.latencyMs})
  --seed N             seed of the generated organization and of its activity between slots (default ${DEFAULTS.seed})
  --replicas N         worker replicas, each a \`collectors worker\` process (default ${DEFAULTS.replicas})
  --restart-replica S  kill replica 1 (SIGKILL; the one that plans) and start it again under its name, as a container
                       restarted in its pod, before slot S (2 to --slots) of the first reading
  --reading A,B        how the collector reads the organization, each in turn on a fresh deployment and dataset, the
                       first measured, the others as baselines: ${READINGS.join(', ')} (default ${READINGS.join(',')})
  --baseline-slots N   slots of each baseline reading (default ${DEFAULTS.baselineSlots}: cold, then warm)
  --heap-mib N         the replicas' V8 heap limit (--max-old-space-size), as the Helm chart sets it from the
                       container's memory limit (75 %; default ${DEFAULTS.heapMiB}, the chart's default 1Gi); 0: none,
                       V8's own from the machine's memory, as the image runs alone
  Quick check: --repos 20 --slots 2.
${TEMPORAL_USAGE}`;

export function parseGithubOrgArgs(argv: readonly string[]): GithubOrgOptions | 'help' {
  const values = parseFlags(argv, {
    repos: { type: 'string', default: String(DEFAULTS.repos) },
    busy: { type: 'string', default: String(DEFAULTS.busy) },
    slots: { type: 'string', default: String(DEFAULTS.slots) },
    'latency-ms': { type: 'string', default: String(DEFAULTS.latencyMs) },
    seed: { type: 'string', default: String(DEFAULTS.seed) },
    replicas: { type: 'string', default: String(DEFAULTS.replicas) },
    'restart-replica': { type: 'string' },
    reading: { type: 'string', default: READINGS.join(',') },
    'baseline-slots': { type: 'string', default: String(DEFAULTS.baselineSlots) },
    'heap-mib': { type: 'string' },
  });
  if (values === 'help') return 'help';
  const repos = int('repos', values.repos, 1, 5000);
  const slots = int('slots', values.slots, 1, 200);
  const readings = values.reading.split(',').map((r) => r.trim());
  const unknown = readings.filter((r) => !isReading(r));
  if (unknown.length || readings.length === 0 || new Set(readings).size !== readings.length) {
    throw new Error(
      `--reading must list some of ${READINGS.join(', ')}, each once, separated by commas (got "${values.reading}")`,
    );
  }
  const restart = values['restart-replica'];
  const heap = values['heap-mib'];
  return {
    readings: readings as ReadingName[],
    baselineSlots: int('baseline-slots', values['baseline-slots'], 1, 200),
    repos,
    busy: Math.min(repos, int('busy', values.busy, 0, 99)),
    slots,
    latencyMs: int('latency-ms', values['latency-ms'], 0, 10_000),
    seed: int('seed', values.seed, 0, 1_000_000),
    replicas: int('replicas', values.replicas, 1, 8),
    ...(restart === undefined
      ? {}
      : { restartReplica: int('restart-replica', restart, 2, Math.max(2, slots)) }),
    heapMiB: heap === undefined ? DEFAULTS.heapMiB : heap === '0' ? 0 : int('heap-mib', heap, 64, 65_536),
  };
}
