/**
 * Child process of bench-skypilot: generates the managed-jobs queue and serves it with the fake
 * SkyPilot API server (see protocol.ts for why it is a process of its own). Driven over the IPC
 * channel of `fork`; exits when the bench does.
 */
import { generateDataset, startFakeSkyPilot, treeRoot, type FakeSkyPilot } from '../../src/fakes/skypilot';
import { serveHost, type Handlers } from '../driver/child-host';
import type { HostOps } from './protocol';

let fake: FakeSkyPilot | undefined;
let logStart = 0;
let cpuStart: NodeJS.CpuUsage | undefined;

const handlers: Handlers<HostOps> = {
  async start({ jobs, seed, now, latencyMs, token }) {
    if (fake) throw new Error('the fake is already started');
    const dataset = generateDataset({ jobs, seed, now });
    // The server's clock stays at the dataset's `now`: every cycle reads the same queue.
    fake = await startFakeSkyPilot({ dataset, latencyMs, token, now: () => now });
    return {
      url: fake.url,
      rows: dataset.jobs.length,
      // Top-level jobs, as the server pages and counts them (a job group's members are one job).
      jobs: new Set(dataset.jobs.map(treeRoot)).size,
      clusters: dataset.clusters.length,
    };
  },
  begin() {
    logStart = started().requests.length;
    cpuStart = process.cpuUsage();
    return Promise.resolve({});
  },
  end() {
    const requests = started()
      .requests.slice(logStart)
      .map(({ method, path, status }) => ({ method, path, status }));
    const cpu = process.cpuUsage(cpuStart);
    return Promise.resolve({ requests, cpuMs: (cpu.user + cpu.system) / 1000 });
  },
  async stop() {
    await fake?.close();
    fake = undefined;
    return {};
  },
};

function started(): FakeSkyPilot {
  if (!fake) throw new Error('the fake is not started');
  return fake;
}

serveHost<HostOps>('bench-skypilot', handlers, () => fake?.close());
