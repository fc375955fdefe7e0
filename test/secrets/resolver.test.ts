// The resolver against moto, a real Secrets Manager emulator started by the global setup.
import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PermanentError } from '../../src/errors';
import { memoryLogger } from '../../src/log';
import { redact } from '../../src/util/redact';
import { createSecretResolver } from '../../src/secrets/resolver';
import { freePort } from '../../src/util/net';

/** As the GitHub collector declares it: a variable that is not derived from the name. */
const DECLARED = [
  { name: 'github/dashboard-token', env: 'GITHUB_TOKEN', description: 'GitHub token.' },
] as const;

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

function motoEndpoint(): string {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (!endpoint) throw new Error('MOTO_ENDPOINT is not set: the global setup starts moto');
  return endpoint;
}

/** A client of moto that counts the requests it sends. */
function countingClient(): { client: SecretsManagerClient; requests: () => number } {
  let count = 0;
  const client = new SecretsManagerClient({ region: REGION, endpoint: motoEndpoint(), credentials });
  client.middlewareStack.add(
    (next) => (args) => {
      count++;
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, requests: () => count };
}

const admin = () => new SecretsManagerClient({ region: REGION, endpoint: motoEndpoint(), credentials });

/** A fresh secret name (moto keeps state for the whole run) and a value long enough to be redacted. */
function uniqueSecret(): { name: string; value: string } {
  const id = randomUUID().slice(0, 8);
  return { name: `test${id}/api-token`, value: `value-${randomUUID()}` };
}

async function createSecret(name: string, value: string): Promise<void> {
  await admin().send(new CreateSecretCommand({ Name: name, SecretString: value }));
}

beforeAll(() => {
  // The resolver's own client takes credentials from the default chain, here the environment.
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

describe('env backend', () => {
  it('reads the variable of a known secret, and of a derived name', async () => {
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'env',
      env: { GITHUB_TOKEN: 'ghp_from_env', FOO_BAR_BAZ: 'derived-value' },
      ttlMs: 60_000,
      log: memoryLogger(),
    });
    expect(await resolver.get('github/dashboard-token')).toBe('ghp_from_env');
    expect(await resolver.get('foo/bar-baz')).toBe('derived-value');
    expect(await resolver.get('wandb/api-key')).toBeUndefined();
  });

  it('never talks to AWS', async () => {
    const client = {
      send: () => Promise.reject(new Error('AWS was called')),
    } as unknown as SecretsManagerClient;
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'env',
      env: {},
      ttlMs: 0,
      log: memoryLogger(),
      client,
    });
    expect(await resolver.get('github/dashboard-token')).toBeUndefined();
  });

  it('an empty variable is unset', async () => {
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'env',
      env: { DD_API_KEY: '' },
      ttlMs: 0,
      log: memoryLogger(),
    });
    expect(await resolver.get('datadog/api-key')).toBeUndefined();
  });

  it('require() says both ways to set a missing secret', async () => {
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'env',
      env: {},
      ttlMs: 0,
      log: memoryLogger(),
    });
    const error = await resolver.require('github/dashboard-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      'secret github/dashboard-token is not set. Fix: set GITHUB_TOKEN, or create the secret ' +
        'github/dashboard-token in AWS Secrets Manager and set SECRETS_BACKEND=aws',
    );
  });
});

describe('aws backend (moto)', () => {
  it('reads the secret from Secrets Manager, before the environment', async () => {
    const { name, value } = uniqueSecret();
    await createSecret(name, value);
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint: motoEndpoint(),
      env: { [name.toUpperCase().replace(/[/-]/g, '_')]: 'from-env-value' },
      ttlMs: 60_000,
      log: memoryLogger(),
    });
    expect(await resolver.require(name)).toBe(value);
  });

  it('falls back to the environment variable when the secret does not exist', async () => {
    const { name } = uniqueSecret();
    const variable = name.toUpperCase().replace(/[/-]/g, '_');
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint: motoEndpoint(),
      env: { [variable]: 'from-env-value' },
      ttlMs: 60_000,
      log: memoryLogger(),
    });
    expect(await resolver.get(name)).toBe('from-env-value');
  });

  it('require() of a secret set nowhere says where to create it', async () => {
    const { name } = uniqueSecret();
    const variable = name.toUpperCase().replace(/[/-]/g, '_');
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint: motoEndpoint(),
      env: {},
      ttlMs: 60_000,
      log: memoryLogger(),
    });
    await expect(resolver.require(name)).rejects.toThrow(
      `secret ${name} is not set. Fix: create it in AWS Secrets Manager (us-east-1), or set ${variable}`,
    );
  });

  it('caches values for the TTL, then reads them again', async () => {
    const { name, value } = uniqueSecret();
    await createSecret(name, value);
    const { client, requests } = countingClient();
    let clock = 1_000_000;
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      env: {},
      ttlMs: 60_000,
      log: memoryLogger(),
      client,
      now: () => clock,
    });

    expect(await resolver.get(name)).toBe(value);
    clock += 59_999;
    expect(await resolver.get(name)).toBe(value);
    expect(requests()).toBe(1);

    const rotated = `rotated-${randomUUID()}`;
    await admin().send(new PutSecretValueCommand({ SecretId: name, SecretString: rotated }));
    clock += 1;
    expect(await resolver.get(name)).toBe(rotated);
    expect(requests()).toBe(2);
  });

  it('concurrent reads of one secret share one request', async () => {
    const { name, value } = uniqueSecret();
    await createSecret(name, value);
    const { client, requests } = countingClient();
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      env: {},
      ttlMs: 60_000,
      log: memoryLogger(),
      client,
    });
    expect(await Promise.all([resolver.get(name), resolver.get(name), resolver.get(name)])).toEqual([
      value,
      value,
      value,
    ]);
    expect(requests()).toBe(1);
  });

  it('a binary-only secret is a permanent error', async () => {
    const { name } = uniqueSecret();
    await admin().send(new CreateSecretCommand({ Name: name, SecretBinary: new Uint8Array([1, 2, 3]) }));
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint: motoEndpoint(),
      ttlMs: 0,
      log: memoryLogger(),
    });
    const error = await resolver.get(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      `secret ${name} in AWS Secrets Manager (us-east-1) has no string value. Fix: store it as a plain string (SecretString), not binary`,
    );
  });

  it('an unreachable endpoint is a retryable error', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint,
      ttlMs: 60_000,
      log: memoryLogger(),
    });
    const error = await resolver.get('github/dashboard-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(
      /^could not read secret github\/dashboard-token in AWS Secrets Manager \(us-east-1\): /,
    );
  });

  it('values read are redacted from logs and never logged', async () => {
    const { name, value } = uniqueSecret();
    await createSecret(name, value);
    const log = memoryLogger('debug');
    const resolver = createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      endpoint: motoEndpoint(),
      ttlMs: 0,
      log,
    });
    const read = await resolver.require(name);
    expect(redact(`Authorization: token ${read}`)).toBe('Authorization: token ***');

    // Even a careless log line that includes the value comes out masked.
    log.info(`calling the API with ${read}`, { token: read });
    await resolver.require('nothing/here').catch(() => undefined);
    expect(log.lines.length).toBeGreaterThan(1);
    for (const line of log.lines) expect(line).not.toContain(value);
    expect(log.lines.some((l) => l.includes(`"secret":"${name}"`))).toBe(true);
  });

  it('the aws backend needs a region', () => {
    expect(() =>
      createSecretResolver({ declared: DECLARED, backend: 'aws', ttlMs: 0, log: memoryLogger() }),
    ).toThrow('the aws secrets backend needs a region. Fix: set AWS_REGION or secrets.region');
  });
});

describe('AWS errors', () => {
  /** A client whose every call fails with an AWS error of that name. */
  function failingClient(name: string, message = 'failed'): SecretsManagerClient {
    const error = Object.assign(new Error(message), { name });
    return { send: () => Promise.reject(error) } as unknown as SecretsManagerClient;
  }
  const resolverWith = (client: SecretsManagerClient) =>
    createSecretResolver({
      declared: DECLARED,
      backend: 'aws',
      region: REGION,
      env: {},
      ttlMs: 60_000,
      log: memoryLogger(),
      client,
    });

  it('access denied names the secret and the IAM permission', async () => {
    const error = await resolverWith(failingClient('AccessDeniedException'))
      .get('github/dashboard-token')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      'access denied reading secret github/dashboard-token in AWS Secrets Manager (us-east-1). Fix: allow ' +
        'secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:<account-id>:secret:github/dashboard-token-* ' +
        "for the worker's IAM role",
    );
  });

  it('a KMS failure names kms:Decrypt', async () => {
    await expect(resolverWith(failingClient('DecryptionFailure')).get('wandb/api-key')).rejects.toThrow(
      "cannot decrypt secret wandb/api-key in AWS Secrets Manager (us-east-1). Fix: allow kms:Decrypt on the secret's KMS key for the worker's IAM role",
    );
  });

  it('throttling is retryable, and the next call asks again', async () => {
    let calls = 0;
    const client = {
      send: () => {
        calls++;
        return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      },
    } as unknown as SecretsManagerClient;
    const resolver = resolverWith(client);
    for (let i = 0; i < 2; i++) {
      const error = await resolver.get('github/dashboard-token').catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(PermanentError);
      expect((error as Error).message).toBe(
        'could not read secret github/dashboard-token in AWS Secrets Manager (us-east-1): ThrottlingException: Rate exceeded',
      );
    }
    expect(calls).toBe(2);
  });
});
