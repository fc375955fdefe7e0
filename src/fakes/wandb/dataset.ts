/**
 * What the fake W&B serves, and a seeded generator of a busy team relative to `now`: runs over a year
 * (running, finished, failed, crashed, killed), single- and multi-GPU, some without GPU information,
 * sweeps. Times are written as W&B writes them: UTC without a zone. Same seed and `now` → same data.
 */
import { seededRandom, weighted } from '../skypilot/random';

export type RunState = 'running' | 'finished' | 'failed' | 'crashed' | 'killed' | 'pending' | 'preempted';

export interface FakeRun {
  readonly id: string;
  /** The run id (8 characters). */
  readonly name: string;
  readonly displayName: string;
  readonly state: RunState;
  /** As W&B writes it: UTC, no zone. */
  readonly createdAt: string;
  readonly heartbeatAt: string | null;
  readonly username: string | null;
  /** runInfo.gpuCount; null when the run has no runInfo. */
  readonly gpuCount: number | null;
  /** The latest system metrics (`system.gpu.0.gpu`, …). */
  readonly systemMetrics: Readonly<Record<string, number>>;
  readonly summaryMetrics: Readonly<Record<string, unknown>>;
  readonly sweep: string | null;
}

export interface FakeSweep {
  readonly id: string;
  readonly name: string;
  readonly state: 'RUNNING' | 'FINISHED' | 'CANCELED' | 'PENDING' | 'PAUSED' | 'CRASHED';
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface FakeProject {
  readonly entity: string;
  readonly name: string;
  /** Oldest first. */
  readonly runs: readonly FakeRun[];
  readonly sweeps: readonly FakeSweep[];
}

export interface FakeDataset {
  /** The user the API key belongs to. */
  readonly viewer: { readonly username: string; readonly entity: string };
  /** Entities that exist (an entity not listed gets `models: null`). */
  readonly entities: readonly string[];
  readonly projects: readonly FakeProject[];
}

/** A time as W&B writes it: ISO 8601 in UTC without a zone, microseconds when asked. */
export function wandbTimeText(ms: number, micro = false): string {
  const iso = new Date(ms).toISOString();
  return micro ? `${iso.slice(0, 23)}000` : iso.slice(0, 19);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const USERS = [
  'ada',
  'grace',
  'alan',
  'edsger',
  'barbara',
  'ken',
  'dennis',
  'margaret',
  'linus',
  'guido',
  'yann',
  'fei',
];
const WORDS = ['swift', 'calm', 'bold', 'misty', 'eager', 'quiet', 'lucid', 'brave'];
const NOUNS = ['river', 'forest', 'comet', 'meadow', 'summit', 'harbor', 'canyon', 'glade'];

export interface ProjectSpec {
  readonly name: string;
  /** Runs in all (history and recent). */
  readonly runs: number;
  /** Of them, created in the last 8 days (default: the runs' share of 8 days of the period). */
  readonly recent?: number;
  /** The period the runs are spread over, ending now (default 365 days). */
  readonly days?: number;
}

export interface GenerateOptions {
  /** The instant the data is relative to (default now). */
  readonly now?: Date;
  readonly seed?: number;
  readonly entity?: string;
  readonly projects?: readonly ProjectSpec[];
}

export const SANDBOX_PROJECTS: readonly ProjectSpec[] = [
  { name: 'llm-pretrain', runs: 3000, recent: 240 },
  { name: 'rl-agents', runs: 800, recent: 60 },
  { name: 'archive-2024', runs: 0 },
];

export function generateDataset(options: GenerateOptions = {}): FakeDataset {
  const now = (options.now ?? new Date()).getTime();
  const entity = options.entity ?? 'acme-ml';
  const random = seededRandom(options.seed ?? 7);
  const projects = (options.projects ?? SANDBOX_PROJECTS).map((spec) =>
    generateProject(random, entity, spec, now),
  );
  return { viewer: { username: 'collector-bot', entity }, entities: [entity], projects };
}

function generateProject(random: () => number, entity: string, spec: ProjectSpec, now: number): FakeProject {
  const days = spec.days ?? 365;
  const recent = Math.min(spec.runs, spec.recent ?? Math.round((spec.runs * 8) / days));
  const history = spec.runs - recent;
  const created: number[] = [];
  // History before the last 8 days; recent runs in them; a few long runs started 10 days ago or later.
  for (let i = 0; i < history; i++) created.push(now - 8 * DAY - random() * (days - 8) * DAY);
  const long = Math.min(recent, 3);
  for (let i = 0; i < recent - long; i++) created.push(now - random() * 8 * DAY);
  created.sort((a, b) => a - b);
  const runs = created.map((at, i) => makeRun(random, `${spec.name}-${i}`, at, now));
  for (let i = 0; i < long; i++) {
    runs.push(
      makeRun(random, `${spec.name}-long-${i}`, now - [10, 3, 0.5][i]! * DAY, now, { running: true }),
    );
  }
  runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const sweeps = makeSweeps(random, runs, now);
  return { entity, name: spec.name, runs, sweeps: sweeps.sweeps };
}

function makeRun(
  random: () => number,
  seed: string,
  createdAt: number,
  now: number,
  force: { running?: boolean } = {},
): FakeRun & { sweep: string | null } {
  const hours = weighted(random, [
    [0.05 + random(), 30],
    [1 + random() * 5, 40],
    [6 + random() * 18, 20],
    [24 + random() * 48, 10],
  ] as const);
  const end = createdAt + hours * HOUR;
  const running = force.running || end > now;
  const state: RunState = running
    ? 'running'
    : weighted(random, [
        ['finished', 72],
        ['failed', 8],
        ['crashed', 12],
        ['killed', 8],
      ] as const);
  const heartbeat = running ? now - Math.floor(random() * 60_000) : end;
  const gpus = weighted(random, [
    [0, 5],
    [1, 30],
    [2, 15],
    [4, 20],
    [8, 30],
  ] as const);
  // 85 % carry runInfo.gpuCount, 12 % only GPUs in their system metrics, 3 % nothing at all.
  const info = weighted(random, [
    ['runInfo', 85],
    ['system', 12],
    ['none', 3],
  ] as const);
  const systemMetrics: Record<string, number> = {
    'system.cpu': round(5 + random() * 90),
    'system.memory': round(10 + random() * 80),
  };
  if (info !== 'none') {
    for (let g = 0; g < gpus; g++) {
      systemMetrics[`system.gpu.${g}.gpu`] = round(15 + random() * 85);
      systemMetrics[`system.gpu.${g}.memory`] = round(10 + random() * 85);
    }
  }
  const summaryMetrics: Record<string, unknown> = {
    _runtime: Math.round(((running ? now : end) - createdAt) / 1000),
    _step: Math.floor(random() * 100_000),
  };
  if (random() < 0.8) summaryMetrics.accuracy = round(0.55 + random() * 0.42, 4);
  if (random() < 0.9) summaryMetrics.loss = round(0.02 + random() * 2.5, 4);
  const id = runId(random);
  return {
    id: Buffer.from(`Run:v1:${id}:${seed}`).toString('base64'),
    name: id,
    displayName: `${WORDS[Math.floor(random() * WORDS.length)]}-${NOUNS[Math.floor(random() * NOUNS.length)]}-${Math.floor(random() * 1000)}`,
    state,
    createdAt: wandbTimeText(createdAt),
    heartbeatAt: wandbTimeText(heartbeat, true),
    username: USERS[Math.floor(Math.pow(random(), 1.6) * USERS.length)]!,
    gpuCount: info === 'runInfo' ? gpus : null,
    systemMetrics,
    summaryMetrics,
    sweep: null,
  };
}

/**
 * Sweeps every ~40 runs: a sweep takes a stretch of consecutive runs (2 days at most). It is RUNNING
 * while one of its runs runs, else FINISHED (updated at its last run's end) or, one in five,
 * CANCELED.
 */
function makeSweeps(random: () => number, runs: FakeRun[], now: number): { sweeps: FakeSweep[] } {
  const sweeps: FakeSweep[] = [];
  let i = Math.floor(random() * 20);
  while (i < runs.length) {
    const first = runs[i]!;
    const start = Date.parse(`${first.createdAt}Z`);
    const name = runId(random);
    const members: number[] = [];
    const size = 5 + Math.floor(random() * 20);
    for (let j = i; j < runs.length && members.length < size; j++) {
      if (Date.parse(`${runs[j]!.createdAt}Z`) > start + 2 * DAY) break;
      if (random() < 0.7) members.push(j);
    }
    for (const j of members) runs[j] = { ...runs[j]!, sweep: name };
    const memberRuns = members.map((j) => runs[j]!);
    const lastBeat = Math.max(start, ...memberRuns.map((r) => Date.parse(`${r.heartbeatAt}Z`)));
    const running = memberRuns.some((r) => r.state === 'running');
    sweeps.push({
      id: Buffer.from(`Sweep:v1:${name}`).toString('base64'),
      name,
      state: running ? 'RUNNING' : random() < 0.2 ? 'CANCELED' : 'FINISHED',
      createdAt: wandbTimeText(start),
      updatedAt: wandbTimeText(Math.min(lastBeat, now)),
    });
    i += 25 + Math.floor(random() * 30);
  }
  return { sweeps };
}

function runId(random: () => number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 8 }, () => chars[Math.floor(random() * chars.length)]).join('');
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
