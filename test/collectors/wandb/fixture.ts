/**
 * A small W&B project whose every metric is derived by hand in the tests. asOf is 2026-11-27T12:00Z,
 * so W = (2026-11-20T12:00, 2026-11-27T12:00]. Times are written as W&B writes them (UTC, no zone);
 * r-fin1's createdAt carries a `Z` to show both forms read alike.
 */
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { settingsSchema, type WandbSettings } from '../../../src/collectors/wandb/settings';
import { targetOf } from '../../../src/collectors/wandb/targets';
import type { FakeDataset, FakeRun, FakeSweep } from '../../../src/fakes/wandb';
import type { SecretResolver } from '../../../src/secrets/types';

export const AS_OF = new Date('2026-11-27T12:00:00Z');
export const API_KEY = 'wandb-test-key-0123456789abcdef0123456789abcdef';
export const ENTITY = 'acme-ml';
export const PROJECT = 'llm';

const gpus = (...utilization: number[]) =>
  Object.fromEntries(utilization.map((u, i) => [`system.gpu.${i}.gpu`, u]));

function run(r: Partial<FakeRun> & Pick<FakeRun, 'name' | 'state' | 'createdAt'>): FakeRun {
  return {
    id: `id-${r.name}`,
    displayName: r.name,
    heartbeatAt: null,
    username: null,
    gpuCount: null,
    systemMetrics: {},
    summaryMetrics: {},
    sweep: null,
    ...r,
  };
}

export const RUNS: readonly FakeRun[] = [
  // Started 2 days before W, still running: all 168 h of W, 2 GPUs; latest utilization 40 and 60.
  run({
    name: 'r-long',
    state: 'running',
    createdAt: '2026-11-18T12:00:00',
    heartbeatAt: '2026-11-27T11:59:30.250000',
    username: 'margaret',
    gpuCount: 2,
    systemMetrics: { 'system.cpu': 30, ...gpus(40, 60) },
  }),
  // Crashed in W (heartbeats stopped 06:30): 6.5 h; no runInfo, 4 GPUs in its system metrics.
  run({
    name: 'r-crash',
    state: 'crashed',
    createdAt: '2026-11-26T00:00:00',
    heartbeatAt: '2026-11-26T06:30:00.000000',
    username: 'ken',
    systemMetrics: gpus(90, 90, 90, 90),
  }),
  run({
    name: 'r-fin1',
    state: 'finished',
    createdAt: '2026-11-24T10:00:00Z',
    heartbeatAt: '2026-11-24T14:00:00.000000',
    username: 'ada',
    gpuCount: 1,
    systemMetrics: gpus(70),
    summaryMetrics: { accuracy: 0.91, loss: 0.3 },
  }),
  // Created before W, ended in W: 36 h long, 12 h of them in W, 4 GPUs.
  run({
    name: 'r-fin2',
    state: 'finished',
    createdAt: '2026-11-19T12:00:00',
    heartbeatAt: '2026-11-21T00:00:00',
    username: 'grace',
    gpuCount: 4,
    summaryMetrics: { accuracy: 0.87, loss: 0.25 },
  }),
  // A CPU run: runInfo says 0 GPUs, which is GPU information.
  run({
    name: 'r-fail',
    state: 'failed',
    createdAt: '2026-11-25T00:00:00',
    heartbeatAt: '2026-11-25T01:00:00',
    username: 'alan',
    gpuCount: 0,
  }),
  // No GPU information at all.
  run({
    name: 'r-killed',
    state: 'killed',
    createdAt: '2026-11-22T00:00:00',
    heartbeatAt: '2026-11-22T03:00:00',
    username: 'ada',
    systemMetrics: { 'system.cpu': 12 },
  }),
  // Finished in W; its accuracy is not a number (W&B writes NaN so), its loss is the best.
  run({
    name: 'r-fin3',
    state: 'finished',
    createdAt: '2026-11-26T10:00:00',
    heartbeatAt: '2026-11-26T12:00:00',
    username: 'ada',
    gpuCount: 2,
    summaryMetrics: { accuracy: 'NaN', loss: 0.1 },
  }),
  // Ended exactly at the start of W (excluded), with the best accuracy of all.
  run({
    name: 'r-edge',
    state: 'finished',
    createdAt: '2026-11-20T08:00:00',
    heartbeatAt: '2026-11-20T12:00:00',
    username: 'yann',
    gpuCount: 1,
    summaryMetrics: { accuracy: 0.95 },
  }),
  // Created in W, never started: no heartbeat yet, 0 hours.
  run({
    name: 'r-pending',
    state: 'pending',
    createdAt: '2026-11-27T11:00:00',
    username: 'barbara',
    gpuCount: 4,
  }),
  // History.
  run({
    name: 'r-old',
    state: 'finished',
    createdAt: '2026-10-01T00:00:00',
    heartbeatAt: '2026-10-02T00:00:00',
    username: 'edsger',
    gpuCount: 8,
    summaryMetrics: { accuracy: 0.99, loss: 0.01 },
  }),
  // Created after the slot: in no metric of it.
  run({
    name: 'r-future',
    state: 'running',
    createdAt: '2026-11-27T12:30:00',
    heartbeatAt: '2026-11-27T12:31:00',
    username: 'linus',
    gpuCount: 8,
    systemMetrics: gpus(100),
  }),
];

export const SWEEPS: readonly FakeSweep[] = [
  {
    id: 's1',
    name: 's-running',
    state: 'RUNNING',
    createdAt: '2026-11-25T00:00:00',
    updatedAt: '2026-11-27T11:00:00',
  },
  {
    id: 's2',
    name: 's-done',
    state: 'FINISHED',
    createdAt: '2026-11-21T00:00:00',
    updatedAt: '2026-11-23T00:00:00',
  },
  {
    id: 's3',
    name: 's-done-old',
    state: 'FINISHED',
    createdAt: '2026-11-01T00:00:00',
    updatedAt: '2026-11-10T00:00:00',
  },
  {
    id: 's4',
    name: 's-cancelled',
    state: 'CANCELED',
    createdAt: '2026-11-22T00:00:00',
    updatedAt: '2026-11-24T00:00:00',
  },
  // Running for months without an update: still running.
  {
    id: 's5',
    name: 's-forgotten',
    state: 'RUNNING',
    createdAt: '2026-06-01T00:00:00',
    updatedAt: '2026-06-02T00:00:00',
  },
];

export const DATASET: FakeDataset = {
  viewer: { username: 'collector-bot', entity: ENTITY },
  entities: [ENTITY, 'other-team'],
  projects: [
    { entity: ENTITY, name: PROJECT, runs: RUNS, sweeps: SWEEPS },
    { entity: ENTITY, name: 'empty', runs: [], sweeps: [] },
    { entity: ENTITY, name: 'llm-scratch', runs: [], sweeps: [] },
    { entity: 'other-team', name: 'vision', runs: [], sweeps: [] },
  ],
};

export function secretsStub(values: Record<string, string | undefined>): SecretResolver {
  return {
    get: (name) => Promise.resolve(values[name]),
    require: (name) => {
      const v = values[name];
      return v === undefined ? Promise.reject(new Error(`secret ${name} is not set`)) : Promise.resolve(v);
    },
  };
}

export function settingsFor(baseUrl: string, options: Record<string, unknown> = {}): WandbSettings {
  return settingsSchema.parse({
    targets: [{ entity: ENTITY, projects: [PROJECT] }],
    options: { baseUrl, ...options },
  });
}

export function contextFor(input: {
  baseUrl: string;
  group: 'counts' | 'runs' | 'sweeps';
  asOf?: Date;
  project?: string;
  key?: string;
  options?: Record<string, unknown>;
  heartbeat?: (details?: unknown) => void;
}) {
  return unitContext({
    ...(input.heartbeat ? { heartbeat: input.heartbeat } : {}),
    settings: settingsFor(input.baseUrl, input.options),
    group: input.group,
    target: targetOf(`${ENTITY}/${input.project ?? PROJECT}`),
    asOf: input.asOf ?? AS_OF,
    secrets: secretsStub({ 'wandb/api-key': input.key ?? API_KEY }),
  });
}

/** Points as `name{tag:value}` → value, for whole-map assertions. */
export function byName(
  points: readonly { metric: string; value: number; tags?: Readonly<Record<string, string>> }[],
) {
  const out: Record<string, number> = {};
  for (const p of points) {
    const tags = Object.entries(p.tags ?? {})
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
    out[tags ? `${p.metric}{${tags}}` : p.metric] = p.value;
  }
  return out;
}
