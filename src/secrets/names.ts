/**
 * Secret names and the environment variable each can also be set with. The name is the AWS Secrets
 * Manager secret id (`github/dashboard-token`); the variable is what local runs and the env backend use.
 *
 * A collector declares its own secrets and their variables (`deploy.secrets`, src/collectors/<name>/
 * deploy.ts); the engine's are declared here. Any other name (a target's own `tokenSecret`) has the
 * variable derived from the name.
 */
import type { SecretDeclaration } from './types';

/** The secrets the engine itself reads (the Datadog sink), beside each collector's own. */
export const ENGINE_SECRETS: readonly SecretDeclaration[] = [
  { name: 'datadog/api-key', env: 'DD_API_KEY', description: 'Datadog API key (submits metrics).' },
  { name: 'datadog/app-key', env: 'DD_APP_KEY', description: 'Datadog application key (metric metadata).' },
];

const NAME = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)+$/;

/** Upper-cases the name and turns `/` and `-` into `_`: `foo/bar-baz` → `FOO_BAR_BAZ`. */
export function derivedEnvName(name: string): string {
  if (!NAME.test(name)) {
    throw new Error(
      `"${name}" is not a secret name: use <service>/<name> in lower case, e.g. github/dashboard-token`,
    );
  }
  return name.toUpperCase().replace(/[/-]/g, '_');
}

/** The variable of a secret: the engine's or `declared` one, else derived from the name. */
export type SecretVariables = (name: string) => string;

export function secretVariables(declared: readonly SecretDeclaration[]): SecretVariables {
  const byName = new Map([...ENGINE_SECRETS, ...declared].map((s) => [s.name, s.env]));
  return (name) => byName.get(name) ?? derivedEnvName(name);
}
