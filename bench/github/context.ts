/**
 * A unit's context as the engine builds it (as in test/collectors/github/context.ts, which scripts do
 * not import): the asOf, group and target, the settings, a secrets stub that knows only the token, a
 * logger of its own, fetch, and no-op heartbeats.
 */
import { PermanentError } from '../../src/collectors/errors';
import { githubSettingsSchema, type GithubSettings } from '../../src/collectors/github/settings';
import { targetOf } from '../../src/collectors/github/targets';
import type { CollectContext } from '../../src/collectors/types';
import { memoryLogger } from '../../src/log';
import type { SecretResolver } from '../../src/secrets/types';

/** The fake's token (the fake rejects requests without it, as GitHub would). */
export const TOKEN = 'ghp_bench_token';

/** The workflows configured as tests and benchmarks: both run on main in the generated repos. */
export const WORKFLOWS = { testWorkflows: ['Tests'], benchmarkWorkflows: ['benchmarks.yml'] } as const;

const secrets: SecretResolver = {
  get: (name) => Promise.resolve(name === 'github/dashboard-token' ? TOKEN : undefined),
  require: (name) =>
    name === 'github/dashboard-token'
      ? Promise.resolve(TOKEN)
      : Promise.reject(new PermanentError(`the bench has no secret ${name}`)),
};

export function benchSettings(apiUrl: string, repos: readonly string[]): GithubSettings {
  return githubSettingsSchema.parse({
    targets: { repos },
    options: {
      apiUrl,
      testWorkflows: WORKFLOWS.testWorkflows,
      benchmarkWorkflows: WORKFLOWS.benchmarkWorkflows,
    },
  });
}

/** Logs at `warn` and above are kept, so the bench can show them; the rest is dropped. */
export function unitContext(
  group: string,
  repo: string,
  settings: GithubSettings,
  asOf: Date,
): CollectContext<GithubSettings> & { log: ReturnType<typeof memoryLogger> } {
  return {
    asOf,
    group,
    target: targetOf(repo),
    settings,
    secrets,
    log: memoryLogger('warn'),
    fetch: globalThis.fetch,
    heartbeat: () => undefined,
    signal: new AbortController().signal,
    attempt: 1,
  };
}
