/**
 * Temporal connection settings → SDK connection options: address and namespace, TLS (server CA,
 * mTLS client pair, SNI name) and an API key. The API key is a secret: it comes from the
 * environment (TEMPORAL_API_KEY), else from the Temporal profile the settings were completed from,
 * never from the config file.
 */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { profileApiKey, profileSource, type TemporalProfileRef } from '../config/temporal-profile';
import { PermanentError } from '../errors';

export interface TemporalTlsSettings {
  readonly enabled?: boolean;
  readonly serverName?: string;
  readonly serverRootCaFile?: string;
  readonly clientCertFile?: string;
  readonly clientKeyFile?: string;
}

export interface TemporalSettings {
  readonly address: string;
  readonly namespace: string;
  readonly tls?: TemporalTlsSettings;
  readonly profile?: TemporalProfileRef;
}

export interface ConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/** Builds connection options; `readFile` is injectable for tests. */
export function connectionOptions(
  settings: TemporalSettings,
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => Buffer = (p) => readFileSync(p),
): ConnectionOptions {
  const apiKey = env.TEMPORAL_API_KEY || apiKeyOf(settings.profile);
  const tls = settings.tls ?? {};
  if (!!tls.clientCertFile !== !!tls.clientKeyFile) {
    throw new PermanentError(
      'temporal.tls: clientCertFile and clientKeyFile go together',
      'set both (mTLS) or neither (server TLS or an API key)',
    );
  }
  const read = (what: string, path: string) => {
    try {
      return readFile(path);
    } catch (err) {
      throw new PermanentError(`temporal.tls.${what}: cannot read ${path}: ${(err as Error).message}`);
    }
  };
  const custom = tls.serverName || tls.serverRootCaFile || tls.clientCertFile;
  let tlsOption: TLSConfig | boolean | undefined;
  if (custom) {
    tlsOption = {
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
      ...(tls.serverRootCaFile
        ? { serverRootCACertificate: read('serverRootCaFile', tls.serverRootCaFile) }
        : {}),
      ...(tls.clientCertFile && tls.clientKeyFile
        ? {
            clientCertPair: {
              crt: read('clientCertFile', tls.clientCertFile),
              key: read('clientKeyFile', tls.clientKeyFile),
            },
          }
        : {}),
    };
  } else if (tls.enabled || apiKey) {
    // An API key implies TLS (Temporal Cloud); the SDK would turn it on too, this makes it explicit.
    tlsOption = true;
  }
  return {
    address: settings.address,
    ...(tlsOption !== undefined ? { tls: tlsOption } : {}),
    ...(apiKey ? { apiKey } : {}),
  };
}

function apiKeyOf(profile: TemporalProfileRef | undefined): string | undefined {
  try {
    return profileApiKey(profile);
  } catch (err) {
    throw new PermanentError(
      `${profileSource(profile!)}: cannot read its API key: ${(err as Error).message}`,
      'fix the profile file, or set TEMPORAL_API_KEY',
    );
  }
}
