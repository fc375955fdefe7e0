/**
 * The GitHub collector's sandbox: the loopback fake GitHub (src/fakes/github) with a generated dataset,
 * the repos and workflows of that dataset as settings, and the token the fake accepts.
 */
import { randomBytes } from 'node:crypto';
import type * as FakeGitHubModule from '../../fakes/github';
import type { RunningFake, SandboxDeclaration, SandboxStartOptions } from '../types';

/** Loaded on start only: the fakes (and their dev dependencies) are not in the production image. */
function loadFake(): typeof FakeGitHubModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../fakes/github') as typeof FakeGitHubModule;
}

async function start(options: SandboxStartOptions = {}): Promise<RunningFake> {
  const { generateDataset, startFakeGitHub } = loadFake();
  const dataset = generateDataset(options.now ? { now: options.now() } : {});
  const token = `ghp_sandbox_${randomBytes(12).toString('hex')}`;
  const fake = await startFakeGitHub({ dataset, token });
  const repos = dataset.repos.map((r) => `${r.owner}/${r.name}`);
  const count = (pick: (r: (typeof dataset.repos)[number]) => readonly unknown[] | undefined) =>
    dataset.repos.reduce((n, r) => n + (pick(r)?.length ?? 0), 0);
  return {
    url: fake.url,
    serves: `${repos.join(', ')}: ${count((r) => r.pulls)} PRs, ${count((r) => r.runs)} Actions runs over 30 days`,
    section: {
      targets: { repos },
      options: {
        apiUrl: fake.url,
        // The generated repos' workflows (src/fakes/github/generate/runs.ts).
        testWorkflows: ['Tests'],
        benchmarkWorkflows: ['Benchmarks'],
      },
    },
    secrets: { 'github/dashboard-token': token },
    failEveryRequest: () => fake.setServerError({ status: 502 }),
    close: () => fake.close(),
  };
}

export const githubSandbox: SandboxDeclaration = { service: 'GitHub', start };
