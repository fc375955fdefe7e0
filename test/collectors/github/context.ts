/** A unit's context as the engine builds it, with a fake token and a memory logger. */
import {
  planContext as planContextOf,
  unitContext,
  type UnitContextInput,
} from '../../../src/collectors/kit/unit-context';
import type { PlanContext } from '../../../src/collectors/types';
import { githubSettingsSchema, type GithubSettings } from '../../../src/collectors/github/settings';
import { targetOf } from '../../../src/collectors/github/targets';
import type { SecretResolver } from '../../../src/secrets/types';
import { PermanentError } from '../../../src/errors';

export const TOKEN = 'ghp_test_token';

/** A resolver that knows only the GitHub token (`null`: not set anywhere). */
export function secretsWith(token: string | null = TOKEN): SecretResolver {
  return {
    get: (name) => Promise.resolve(name === 'github/dashboard-token' ? (token ?? undefined) : undefined),
    require: (name) =>
      token && name === 'github/dashboard-token'
        ? Promise.resolve(token)
        : Promise.reject(new PermanentError(`secret ${name} is not set`, 'set GITHUB_TOKEN')),
  };
}

/** A resolver that knows these secrets by name (e.g. `github/app-private-key`). */
export function secretsOf(values: Readonly<Record<string, string>>): SecretResolver {
  return {
    get: (name) => Promise.resolve(values[name]),
    require: (name) =>
      values[name] !== undefined
        ? Promise.resolve(values[name])
        : Promise.reject(new PermanentError(`secret ${name} is not set`, 'set it')),
  };
}

export function settings(
  apiUrl: string,
  options: Record<string, unknown> = {},
  targets?: unknown,
): GithubSettings {
  return githubSettingsSchema.parse({
    targets: targets ?? { repos: ['acme/widgets'] },
    options: { apiUrl, ...options },
  });
}

export function collectContext(
  group: string,
  repo: string,
  s: GithubSettings,
  asOf: Date,
  extra: Partial<Omit<UnitContextInput<GithubSettings>, 'group' | 'target' | 'settings' | 'asOf'>> = {},
) {
  return unitContext({ group, target: targetOf(repo), settings: s, asOf, secrets: secretsWith(), ...extra });
}

export function planContext(s: GithubSettings, asOf = new Date()): PlanContext<GithubSettings> {
  return planContextOf({ settings: s, asOf, secrets: secretsWith() });
}

/**
 * Points as `{ name: value }`, tagged points as `name{key:value}`. The unit's own request counts
 * (`github.api.requests`) are left out here: frugal.test.ts checks them against the fake's log.
 */
export function byName(points: readonly { metric: string; value: number; tags?: Record<string, string> }[]) {
  return Object.fromEntries(
    points
      .filter((p) => p.metric !== 'github.api.requests')
      .map((p) => {
        const tags = Object.entries(p.tags ?? {}).map(([k, v]) => `${k}:${v}`);
        return [tags.length ? `${p.metric}{${tags.join(',')}}` : p.metric, p.value];
      }),
  );
}
