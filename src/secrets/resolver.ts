/**
 * The SecretResolver: environment variables only, or AWS Secrets Manager with the environment
 * variable as fallback for secrets that don't exist there. Values are cached for a TTL, registered
 * for redaction, and never appear in logs or errors.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PermanentError } from '../errors';
import type { Logger } from '../log';
import { createSecretsManagerClient, readAwsSecret } from './aws';
import { secretVariables } from './names';
import { registerSecret } from '../util/redact';
import type { SecretDeclaration, SecretResolver } from './types';

export interface SecretResolverOptions {
  readonly backend: 'env' | 'aws';
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The secrets whose variable is declared rather than derived from the name (each registered
   * collector's `deploy.secrets`: src/collectors/secrets.ts). The engine's own are always known.
   */
  readonly declared: readonly SecretDeclaration[];
  /** Required for the aws backend. */
  readonly region?: string;
  readonly endpoint?: string;
  /** How long a value read from AWS is reused; 0 reads it every time. */
  readonly ttlMs: number;
  readonly log: Logger;
  /** For tests; by default one is created (aws backend only). */
  readonly client?: SecretsManagerClient;
  /** Clock for the cache, for tests. */
  readonly now?: () => number;
}

interface Cached {
  readonly expiresAt: number;
  /** The AWS lookup; undefined value = no such secret in AWS. Shared by concurrent callers. */
  readonly value: Promise<string | undefined>;
}

export function createSecretResolver(options: SecretResolverOptions): SecretResolver {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const log = options.log.child({ component: 'secrets' });
  const variableOf = secretVariables(options.declared);
  const fromEnv = (name: string) => env[variableOf(name)] || undefined;

  let readAws: ((name: string) => Promise<string | undefined>) | undefined;
  if (options.backend === 'aws') {
    const region = options.region;
    if (!region)
      throw new PermanentError('the aws secrets backend needs a region', 'set AWS_REGION or secrets.region');
    const client = options.client ?? createSecretsManagerClient({ region, endpoint: options.endpoint });
    readAws = (name) => readAwsSecret(client, name, region);
  }

  const cache = new Map<string, Cached>();
  const lookUpAws = (name: string, read: (name: string) => Promise<string | undefined>) => {
    const hit = cache.get(name);
    if (hit && hit.expiresAt > now()) return hit.value;
    const value = read(name).then(
      (v) => {
        log.debug(
          v === undefined ? 'secret not in AWS Secrets Manager' : 'secret read from AWS Secrets Manager',
          {
            secret: name,
          },
        );
        return v;
      },
      (err: unknown) => {
        cache.delete(name); // a failure is not remembered: the next attempt asks again
        throw err;
      },
    );
    cache.set(name, { expiresAt: now() + options.ttlMs, value });
    return value;
  };

  const get = async (name: string): Promise<string | undefined> => {
    const value = (readAws ? await lookUpAws(name, readAws) : undefined) ?? fromEnv(name);
    if (value !== undefined) registerSecret(value);
    return value;
  };

  return {
    get,
    async require(name) {
      const value = await get(name);
      if (value !== undefined) return value;
      const variable = variableOf(name);
      throw new PermanentError(
        `secret ${name} is not set`,
        options.backend === 'aws'
          ? `create it in AWS Secrets Manager (${options.region}), or set ${variable}`
          : `set ${variable}, or create the secret ${name} in AWS Secrets Manager and set SECRETS_BACKEND=aws`,
      );
    },
  };
}
