/**
 * Secret names and the environment variable each can also be set with. The name is the AWS Secrets
 * Manager secret id (`github/dashboard-token`); the variable is what local runs and the env backend use.
 *
 * EC2 has no entry: it uses the AWS default credential chain (IRSA in Kubernetes), never static keys.
 */

export interface SecretDef {
  readonly env: string;
  readonly description: string;
}

export const KNOWN_SECRETS: Readonly<Record<string, SecretDef>> = {
  'datadog/api-key': { env: 'DD_API_KEY', description: 'Datadog API key (submits metrics).' },
  'datadog/app-key': { env: 'DD_APP_KEY', description: 'Datadog application key (metric metadata).' },
  'github/dashboard-token': {
    env: 'GITHUB_TOKEN',
    description: 'GitHub token with read access to the repos.',
  },
  'github/app-private-key': {
    env: 'GITHUB_APP_PRIVATE_KEY',
    description: 'Private key (PEM) of the GitHub App, when collectors.github.options.app is set.',
  },
  'skypilot/api-url': { env: 'SKYPILOT_API_URL', description: 'URL of the SkyPilot API server.' },
  'skypilot/api-key': { env: 'SKYPILOT_API_KEY', description: 'SkyPilot API server token.' },
  'wandb/api-key': { env: 'WANDB_API_KEY', description: 'Weights & Biases API key.' },
  'asana/access-token': { env: 'ASANA_ACCESS_TOKEN', description: 'Asana personal access token.' },
};

const NAME = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)+$/;

/**
 * The environment variable of a secret: the table's, else derived from the name by upper-casing it and
 * turning `/` and `-` into `_` (`foo/bar-baz` → `FOO_BAR_BAZ`), so new collectors need no entry here.
 */
export function secretEnvName(name: string): string {
  const known = KNOWN_SECRETS[name];
  if (known) return known.env;
  if (!NAME.test(name)) {
    throw new Error(
      `"${name}" is not a secret name: use <service>/<name> in lower case, e.g. github/dashboard-token`,
    );
  }
  return name.toUpperCase().replace(/[/-]/g, '_');
}
