/**
 * The AWS clients of one account × region, and what AWS's errors mean for a unit.
 *
 * Credentials: the static keys in the secrets ec2/access-key-id and ec2/secret-access-key when set,
 * else the SDK's default chain (IRSA on Kubernetes, the environment, the shared config). An account
 * with a `roleArn` is reached by assuming that role with them; assumed sessions are kept until five
 * minutes before they expire, so a cycle does not pay an STS call per unit.
 *
 * Endpoints: the account's `endpoints`, else the SDK's own AWS_ENDPOINT_URL_<SERVICE> /
 * AWS_ENDPOINT_URL, else AWS. The SDK does not retry (Temporal retries the unit), and every call has
 * a timeout and the unit's abort signal.
 */
import type * as CloudWatchSdk from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type * as PricingSdk from '@aws-sdk/client-pricing';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type * as StsSdk from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { PermanentError, RateLimitedError } from '../../errors';
import { registerSecret, redact } from '../../util/redact';
import type { SecretResolver } from '../../secrets/types';
import { durationMs, type AccountSettings, type Ec2Settings, type Service } from './settings';

/**
 * The SDK's clients, loaded when a unit connects: client-ec2 alone takes about 0.4 s and 90 MB, which
 * every `collectors` command would otherwise pay at start (test/cli/startup.test.ts).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const sdk = () => ({
  ...(require('@aws-sdk/client-cloudwatch') as typeof CloudWatchSdk),
  ...(require('@aws-sdk/client-ec2') as typeof Ec2Sdk),
  ...(require('@aws-sdk/client-pricing') as typeof PricingSdk),
  ...(require('@aws-sdk/client-sts') as typeof StsSdk),
});
/* eslint-enable @typescript-eslint/no-require-imports */

export const ACCESS_KEY_SECRET = 'ec2/access-key-id';
export const ACCESS_KEY_ENV = 'EC2_ACCESS_KEY_ID';
export const SECRET_KEY_SECRET = 'ec2/secret-access-key';
export const SECRET_KEY_ENV = 'EC2_SECRET_ACCESS_KEY';

const CREDENTIALS_FIX =
  `give the workers an IAM role (IRSA: the chart's serviceAccount annotation), or set the secrets ` +
  `${ACCESS_KEY_SECRET} and ${SECRET_KEY_SECRET} (env ${ACCESS_KEY_ENV}, ${SECRET_KEY_ENV}) to an access key of an IAM user with the collector's policy (deploy/iam)`;

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface AwsClients {
  readonly account: AccountSettings;
  readonly region: string;
  readonly ec2: EC2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly pricing: PricingClient;
  /** STS with the same credentials: who they are (`collectors doctor`). */
  readonly sts: STSClient;
  /** Where the Price List API is called. */
  readonly pricingRegion: string;
  /** Every call goes through here: abort signal, and AWS's errors turned into the project's. */
  send<T>(call: (options: { abortSignal: AbortSignal }) => Promise<T>, action: string): Promise<T>;
  destroy(): void;
}

export interface ConnectInput {
  readonly settings: Ec2Settings;
  readonly secrets: SecretResolver;
  readonly signal: AbortSignal;
  readonly account: AccountSettings;
  readonly region: string;
}

/** Assumed-role sessions by role, external id and the key that assumed them. */
const sessions = new Map<string, Promise<Credentials>>();
const SESSION_SECONDS = 3600;
const REFRESH_BEFORE_MS = 5 * 60_000;

/** Static keys from the secrets, both or none. */
export async function staticCredentials(secrets: SecretResolver): Promise<Credentials | undefined> {
  const [id, key] = await Promise.all([
    secrets.get(ACCESS_KEY_SECRET).then((v) => v?.trim()),
    secrets.get(SECRET_KEY_SECRET).then((v) => v?.trim()),
  ]);
  if (!id && !key) return undefined;
  if (!id || !key) {
    const [missing, env] = id ? [SECRET_KEY_SECRET, SECRET_KEY_ENV] : [ACCESS_KEY_SECRET, ACCESS_KEY_ENV];
    throw new PermanentError(
      `only one of the secrets ${ACCESS_KEY_SECRET} and ${SECRET_KEY_SECRET} is set`,
      `set ${missing} (env ${env}) too, or neither to use the default credential chain`,
    );
  }
  registerSecret(key);
  return { accessKeyId: id, secretAccessKey: key };
}

function clientConfig(settings: Ec2Settings, region: string, endpoint: string | undefined) {
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: durationMs(settings.options.requestTimeout) },
  };
}

function endpointOf(account: AccountSettings, service: Service): string | undefined {
  return account.endpoints?.[service];
}

export async function connect(input: ConnectInput): Promise<AwsClients> {
  const { settings, account, region, signal } = input;
  const base = await staticCredentials(input.secrets);
  const credentials = account.roleArn ? await assumed(input, base) : base;
  const config = (service: Service, inRegion = region) => ({
    ...clientConfig(settings, inRegion, endpointOf(account, service)),
    ...(credentials ? { credentials } : {}),
  });
  const aws = sdk();
  const ec2 = new aws.EC2Client(config('ec2'));
  const cloudwatch = new aws.CloudWatchClient(config('cloudwatch'));
  const pricing = new aws.PricingClient(config('pricing', settings.options.pricingRegion));
  const sts = new aws.STSClient(config('sts'));
  const where = `account ${account.name}, ${region}`;
  const principal = account.roleArn ? `the role ${account.roleArn}` : "the workers' IAM role";
  return {
    account,
    region,
    ec2,
    cloudwatch,
    pricing,
    sts,
    pricingRegion: settings.options.pricingRegion,
    async send(call, action) {
      try {
        return await call({ abortSignal: signal });
      } catch (err) {
        // A session AWS calls expired is not used again: the next attempt assumes the role afresh.
        if (account.roleArn && EXPIRED.has((err as { name?: string }).name ?? ''))
          sessions.delete(sessionKey(account, base));
        throw awsError(err, action, where, signal, principal);
      }
    },
    destroy() {
      ec2.destroy();
      cloudwatch.destroy();
      pricing.destroy();
      sts.destroy();
    },
  };
}

function sessionKey(account: AccountSettings, base: Credentials | undefined): string {
  return `${account.roleArn ?? ''}|${account.externalId ?? ''}|${base?.accessKeyId ?? 'default-chain'}|${endpointOf(account, 'sts') ?? ''}`;
}

async function assumed(input: ConnectInput, base: Credentials | undefined): Promise<Credentials> {
  const { account, region, settings, signal } = input;
  const roleArn = account.roleArn!;
  const key = sessionKey(account, base);
  const cached = sessions.get(key);
  if (cached) {
    const session = await cached.catch(() => undefined);
    if (session && (session.expiration?.getTime() ?? 0) - REFRESH_BEFORE_MS > Date.now()) return session;
    sessions.delete(key);
  }
  const pending = (async (): Promise<Credentials> => {
    const { AssumeRoleCommand, STSClient } = sdk();
    const sts = new STSClient({
      ...clientConfig(settings, region, endpointOf(account, 'sts')),
      ...(base ? { credentials: base } : {}),
    });
    try {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: 'datadog-collectors-ec2',
          DurationSeconds: SESSION_SECONDS,
          ...(account.externalId ? { ExternalId: account.externalId } : {}),
        }),
        { abortSignal: signal },
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new Error(`STS answered AssumeRole of ${roleArn} without credentials`);
      }
      registerSecret(c.SecretAccessKey);
      if (c.SessionToken) registerSecret(c.SessionToken);
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        expiration: c.Expiration ?? new Date(Date.now() + SESSION_SECONDS * 1000),
      };
    } catch (err) {
      throw awsError(err, 'sts:AssumeRole', `role ${roleArn} (account ${account.name})`, signal);
    } finally {
      sts.destroy();
    }
  })();
  sessions.set(key, pending);
  pending.catch(() => sessions.delete(key));
  return pending;
}

/** Forgets assumed sessions (tests; a process that changed its base credentials). */
export function forgetSessions(): void {
  sessions.clear();
}

/** Throttling: AWS asks to slow down. Retried after a pause, not at once. */
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
]);
/** The credentials themselves are refused: no retry helps. */
const REFUSED = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
]);
/** The credentials are valid but may not do this. */
const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
/** A session that ran out: the next attempt resolves credentials afresh (IRSA and roles renew). */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
/** The region is not enabled for the account. */
const OPT_IN = new Set(['OptInRequired']);
const THROTTLE_WAIT_MS = 10_000;

interface SdkError {
  readonly name?: string;
  readonly Code?: string;
  readonly message?: string;
  readonly $metadata?: { httpStatusCode?: number };
}

/**
 * An AWS error as the engine understands it: PermanentError when only the operator can fix it (with
 * what to fix), RateLimitedError for throttling, a plain Error (retried) for the rest.
 */
export function awsError(
  err: unknown,
  action: string,
  where: string,
  signal?: AbortSignal,
  /** Who made the call, for the fix: the workers' role, or the account's role they assumed. */
  principal = "the workers' IAM role",
): Error {
  if (signal?.aborted) return signal.reason instanceof Error ? signal.reason : new Error('cancelled');
  const e = (err ?? {}) as SdkError;
  const code = e.name && e.name !== 'Error' ? e.name : (e.Code ?? 'Error');
  const said = redact(String(e.message ?? err));
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLED.has(code)) {
    return new RateLimitedError(`AWS throttled ${action} (${where}): ${code}`, THROTTLE_WAIT_MS, {
      cause: err,
    });
  }
  if (DENIED.has(code)) {
    return new PermanentError(
      `AWS denied ${action} (${where}): ${code}: ${said}`,
      `allow ${action} for ${principal}${action.startsWith('sts:') ? ' on the role, and trust the workers in the role’s trust policy' : ''} (deploy/iam/collectors-policy.json lists every action the collectors use)`,
      { cause: err },
    );
  }
  if (code === 'CredentialsProviderError') {
    return new PermanentError(`found no AWS credentials for ${action} (${where}): ${said}`, CREDENTIALS_FIX, {
      cause: err,
    });
  }
  if (REFUSED.has(code)) {
    return new PermanentError(
      `AWS refused the credentials for ${action} (${where}): ${code}: ${said}`,
      CREDENTIALS_FIX,
      { cause: err },
    );
  }
  if (OPT_IN.has(code)) {
    return new PermanentError(
      `AWS refused ${action} (${where}): ${code}: ${said}`,
      'enable the region for the account, or remove it from the account’s regions',
      { cause: err },
    );
  }
  if (EXPIRED.has(code)) {
    return new Error(
      `AWS credentials expired during ${action} (${where}): ${code}; the next attempt reads them again. If it persists, renew the session token or ${CREDENTIALS_FIX}`,
      { cause: err },
    );
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new PermanentError(
      `AWS refused ${action} (${where}): ${code} (HTTP ${status}): ${said}`,
      undefined,
      {
        cause: err,
      },
    );
  }
  // 5xx, 408/429 without a throttling code, timeouts, the network: worth another attempt.
  return new Error(`AWS ${action} failed (${where}): ${code}${status ? ` (HTTP ${status})` : ''}: ${said}`, {
    cause: err,
  });
}
