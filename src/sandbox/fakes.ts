/**
 * The sandbox's side of each collector: the loopback fake of its service (src/fakes/<name>) with the
 * shipped generated dataset, the config section that points the collector at it, and the secrets
 * (by environment-variable name) the collector reads. One entry per implemented collector; a
 * collector without an entry is left out of the sandbox, never pointed at its real service.
 */
import { randomBytes } from 'node:crypto';
import { generateDataset as generateGitHubDataset, startFakeGitHub } from '../fakes/github';
import { generateDataset as generateSkyPilotDataset, startFakeSkyPilot, treeRoot } from '../fakes/skypilot';
import { secretEnvName } from '../secrets/names';

export interface RunningFake {
  /** Base URL of the fake, on 127.0.0.1 and a free port. */
  readonly url: string;
  /** One line for the banner: what the fake serves. */
  readonly serves: string;
  /** The collector's `{ targets, options }` (and more) pointing at the fake. */
  readonly section: Record<string, unknown>;
  /** Secret values by secret name (`github/dashboard-token`). */
  readonly secrets: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export interface SandboxFake {
  /** The collector's name in the registry. */
  readonly collector: string;
  /** What the banner calls the service. */
  readonly service: string;
  start(): Promise<RunningFake>;
}

function sandboxToken(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

const github: SandboxFake = {
  collector: 'github',
  service: 'GitHub',
  async start() {
    const dataset = generateGitHubDataset();
    const token = sandboxToken('ghp_sandbox_');
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
      close: () => fake.close(),
    };
  },
};

const skypilot: SandboxFake = {
  collector: 'skypilot',
  service: 'SkyPilot',
  async start() {
    const dataset = generateSkyPilotDataset();
    const token = sandboxToken('sky_sandbox_');
    const fake = await startFakeSkyPilot({ dataset, token });
    return {
      url: fake.url,
      serves: `API server "sandbox": ${new Set(dataset.jobs.map(treeRoot)).size} managed jobs (${dataset.jobs.length} task rows), ${dataset.clusters.length} clusters`,
      section: { targets: [{ name: 'sandbox', url: fake.url }] },
      secrets: { 'skypilot/api-key': token },
      close: () => fake.close(),
    };
  },
};

export const SANDBOX_FAKES: readonly SandboxFake[] = [github, skypilot];

/** The secrets of the running fakes as the env backend reads them (`GITHUB_TOKEN=…`). */
export function secretsEnv(fakes: readonly RunningFake[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const fake of fakes) {
    for (const [name, value] of Object.entries(fake.secrets)) env[secretEnvName(name)] = value;
  }
  return env;
}
