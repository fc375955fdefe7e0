/**
 * Child process of bench-github: generates the dataset, serves it with the fake GitHub, applies the
 * change between cycles and computes the baseline (see protocol.ts for why it is a process of its own).
 * Driven over the IPC channel of `fork`; exits when the bench does.
 */
import { generateDataset, startFakeGitHub, type FakeDataset, type FakeGitHub } from '../../src/fakes/github';
import { serveHost, type Handlers } from '../driver/child-host';
import { leastPages } from './baseline';
import { CHANGE_DESCRIPTION, changedDataset } from './change';
import type { HostOps, StartArgs } from './protocol';

/** Buckets large enough never to refuse: the bench measures what a cycle costs, not the hourly budget. */
const UNLIMITED = 10_000_000;

let fake: FakeGitHub | undefined;
let setup: StartArgs | undefined;
let data: FakeDataset | undefined;
/** The data and asOf of the last cycle begun: what a warm cycle's baseline compares with. */
let previous: { data: FakeDataset; asOf: Date } | undefined;
let logStart = 0;
let cpuStart: NodeJS.CpuUsage | undefined;

const handlers: Handlers<HostOps> = {
  async start(args) {
    if (fake) throw new Error('the fake is already started');
    setup = args;
    data = generateDataset({ seed: args.seed, now: new Date(args.now), repos: args.repos });
    fake = await startFakeGitHub({ dataset: data, latencyMs: args.latencyMs, token: args.token });
    for (const resource of ['core', 'graphql'] as const) {
      fake.setRateLimit({ resource, limit: UNLIMITED, remaining: UNLIMITED });
    }
    return { url: fake.url };
  },
  beginCycle({ asOf }) {
    const { fake: f, data: d, setup: s } = started();
    const at = new Date(asOf);
    const baseline = leastPages(d, at, s, previous);
    previous = { data: d, asOf: at };
    logStart = f.requests.length;
    cpuStart = process.cpuUsage();
    return Promise.resolve({ baseline });
  },
  endCycle() {
    const { fake: f } = started();
    const cpu = process.cpuUsage(cpuStart);
    return Promise.resolve({ requests: f.requests.slice(logStart), cpuMs: (cpu.user + cpu.system) / 1000 });
  },
  change({ from, to }) {
    const { fake: f, data: d } = started();
    data = changedDataset(d, new Date(from), new Date(to));
    f.replaceDataset(data);
    return Promise.resolve({ description: CHANGE_DESCRIPTION });
  },
  async stop() {
    await fake?.close();
    fake = undefined;
    return {};
  },
};

function started(): { fake: FakeGitHub; data: FakeDataset; setup: StartArgs } {
  if (!fake || !data || !setup) throw new Error('the fake is not started');
  return { fake, data, setup };
}

serveHost<HostOps>('bench-github', handlers, () => fake?.close());
