/**
 * The SkyPilot collector's sandbox: the loopback fake API server (src/fakes/skypilot) with a generated
 * dataset, one target named `sandbox` pointing at it, and the token it accepts.
 */
import { randomBytes } from 'node:crypto';
import type * as FakeSkyPilotModule from '../../fakes/skypilot';
import type { RunningFake, SandboxDeclaration, SandboxStartOptions } from '../types';

/** More forced answers than any cycle makes requests: the fake has no lasting failure mode. */
const OUTAGE_ANSWERS = 10_000;

/** Loaded on start only: the fakes are not in the production image. */
function loadFake(): typeof FakeSkyPilotModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../fakes/skypilot') as typeof FakeSkyPilotModule;
}

async function start(options: SandboxStartOptions = {}): Promise<RunningFake> {
  const { generateDataset, startFakeSkyPilot, treeRoot } = loadFake();
  const clock = options.now;
  const seconds = clock ? () => clock().getTime() / 1000 : undefined;
  const dataset = generateDataset(seconds ? { now: seconds() } : {});
  const token = `sky_sandbox_${randomBytes(12).toString('hex')}`;
  const fake = await startFakeSkyPilot({ dataset, token, ...(seconds ? { now: seconds } : {}) });
  return {
    url: fake.url,
    serves: `API server "sandbox": ${new Set(dataset.jobs.map(treeRoot)).size} managed jobs (${dataset.jobs.length} task rows), ${dataset.clusters.length} clusters`,
    section: { targets: [{ name: 'sandbox', url: fake.url }] },
    secrets: { 'skypilot/api-key': token },
    failEveryRequest: () =>
      fake.respondWith(Array.from({ length: OUTAGE_ANSWERS }, () => ({ status: 503, detail: 'outage' }))),
    close: () => fake.close(),
  };
}

export const skypilotSandbox: SandboxDeclaration = { service: 'SkyPilot', start };
