/**
 * Child process of bench-github: generates the dataset, serves it with the fake GitHub, applies the
 * change between cycles and computes the baseline (see protocol.ts for why it is a process of its own).
 * Driven over the IPC channel of `fork`; exits when the bench does.
 */
import {
  generateDataset,
  startFakeGitHub,
  type FakeDataset,
  type FakeGitHub,
} from '../../../src/fakes/github';
import { leastPages } from './baseline';
import { CHANGE_DESCRIPTION, changedDataset } from './change';
import type { HostOps, HostRequest, HostResponse, Op, StartArgs } from './protocol';

/** Buckets large enough never to refuse: the bench measures what a cycle costs, not the hourly budget. */
const UNLIMITED = 10_000_000;

let fake: FakeGitHub | undefined;
let setup: StartArgs | undefined;
let data: FakeDataset | undefined;
/** The data and asOf of the last cycle begun: what a warm cycle's baseline compares with. */
let previous: { data: FakeDataset; asOf: Date } | undefined;
let logStart = 0;
let cpuStart: NodeJS.CpuUsage | undefined;

const handlers: { [K in Op]: (args: HostOps[K]['args']) => Promise<HostOps[K]['result']> } = {
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

async function dispatch(request: HostRequest): Promise<HostResponse> {
  try {
    const handle = handlers[request.op] as (args: unknown) => Promise<unknown>;
    return { id: request.id, ok: true, result: await handle(request.args) };
  } catch (err) {
    return {
      id: request.id,
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    };
  }
}

if (!process.send) {
  process.stderr.write('fake-host.js is started by bench-github (over an IPC channel)\n');
  process.exit(2);
}
process.on('message', (message: HostRequest) => {
  void dispatch(message).then((response) => {
    process.send?.(response);
    if (message.op === 'stop') process.disconnect();
  });
});
// The bench ended (or died): nothing left to serve.
process.on('disconnect', () => {
  if (!fake) process.exit(0);
  void fake.close().finally(() => process.exit(0));
});
