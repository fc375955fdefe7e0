/**
 * Reading one secret from AWS Secrets Manager, with failures sorted into "not there" (the caller falls
 * back to the environment), "no retry can fix it" (PermanentError naming the IAM permission) and
 * "try again" (a plain Error, retried by Temporal).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PermanentError } from '../errors';
import { redact } from '../util/redact';

export interface AwsSecretsOptions {
  readonly region: string;
  /** Endpoint override: VPC endpoints, emulators. */
  readonly endpoint?: string;
}

/**
 * Only called when the aws backend is chosen, so nothing probes instance metadata otherwise.
 * Credentials come from the default chain (IRSA in Kubernetes). The SDK does not retry (Temporal
 * does, once, for the whole activity) and every call has a timeout.
 */
export function createSecretsManagerClient({ region, endpoint }: AwsSecretsOptions): SecretsManagerClient {
  return new SecretsManagerClient({
    region,
    ...(endpoint && { endpoint }),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
}

/** Errors no retry can fix: the operator must change a permission or the credentials. */
const DENIED = new Set(['AccessDeniedException', 'AccessDenied']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'CredentialsProviderError',
  'InvalidClientTokenId',
]);

/** The secret's string, or undefined when no secret has that name. */
export async function readAwsSecret(
  client: SecretsManagerClient,
  name: string,
  region: string,
): Promise<string | undefined> {
  const arn = `arn:aws:secretsmanager:${region}:<account-id>:secret:${name}-*`;
  let response;
  try {
    response = await client.send(new GetSecretValueCommand({ SecretId: name }));
  } catch (err) {
    const code = (err as { name?: string }).name ?? 'Error';
    if (code === 'ResourceNotFoundException') return undefined;
    const where = `secret ${name} in AWS Secrets Manager (${region})`;
    if (DENIED.has(code)) {
      throw new PermanentError(
        `access denied reading ${where}`,
        `allow secretsmanager:GetSecretValue on ${arn} for the worker's IAM role`,
        { cause: err },
      );
    }
    if (code === 'DecryptionFailure') {
      throw new PermanentError(
        `cannot decrypt ${where}`,
        `allow kms:Decrypt on the secret's KMS key for the worker's IAM role`,
        { cause: err },
      );
    }
    if (BAD_CREDENTIALS.has(code)) {
      throw new PermanentError(
        `no valid AWS credentials to read ${where} (${code})`,
        'give the worker an IAM role (IRSA) or AWS credentials, or set SECRETS_BACKEND=env',
        { cause: err },
      );
    }
    if (code === 'InvalidRequestException' || code === 'InvalidParameterException') {
      // E.g. a secret scheduled for deletion. AWS's message says which; it never holds the value.
      throw new PermanentError(`cannot read ${where}: ${redact(String((err as Error).message))}`, undefined, {
        cause: err,
      });
    }
    // Throttling, timeouts, network and 5xx: worth another attempt.
    throw new Error(`could not read ${where}: ${code}: ${redact(String((err as Error).message))}`, {
      cause: err,
    });
  }
  if (response.SecretString === undefined) {
    throw new PermanentError(
      `secret ${name} in AWS Secrets Manager (${region}) has no string value`,
      'store it as a plain string (SecretString), not binary',
    );
  }
  return response.SecretString;
}
