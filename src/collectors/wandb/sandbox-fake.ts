/**
 * The W&B collector's sandbox: the loopback fake W&B (src/fakes/wandb) with a generated busy team
 * (entity `acme-ml`: two projects with a year of runs and an empty one), the entity as the target
 * (every project, expanded at plan time), and the API key the fake accepts.
 */
import { randomBytes } from 'node:crypto';
import type * as FakeWandbModule from '../../fakes/wandb';
import type { RunningFake, SandboxDeclaration, SandboxStartOptions } from '../types';
import { KEY_SECRET } from './client';

/** Loaded on start only: the fakes (and their dev dependencies) are not in the production image. */
function loadFake(): typeof FakeWandbModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../fakes/wandb') as typeof FakeWandbModule;
}

async function start(options: SandboxStartOptions = {}): Promise<RunningFake> {
  const { generateDataset, startFakeWandb } = loadFake();
  const dataset = generateDataset(options.now ? { now: options.now() } : {});
  const apiKey = `sandbox${randomBytes(18).toString('hex')}`;
  const fake = await startFakeWandb({ dataset, apiKey });
  const entity = dataset.viewer.entity;
  const runs = dataset.projects.reduce((n, p) => n + p.runs.length, 0);
  const sweeps = dataset.projects.reduce((n, p) => n + p.sweeps.length, 0);
  return {
    url: fake.url,
    serves: `entity ${entity}: ${dataset.projects.map((p) => p.name).join(', ')}; ${runs} runs and ${sweeps} sweeps over a year`,
    section: { targets: [{ entity }], options: { baseUrl: fake.url } },
    secrets: { [KEY_SECRET]: apiKey },
    failEveryRequest: () => fake.setServerError(503),
    close: () => fake.close(),
  };
}

export const wandbSandbox: SandboxDeclaration = {
  service: 'W&B',
  start,
};
