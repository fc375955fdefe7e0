/**
 * Temporal's environment configuration (the TOML profile file that the `temporal` CLI and every SDK
 * read), as the bottom layer of the `temporal:` section: a profile supplies what collectors.yaml
 * leaves unset; TEMPORAL_* variables and flags override both (see ./env.ts). A file that names its
 * own `temporal.address` is not completed from a profile at all: a profile's API key or certificates
 * never go to a server other than the profile's (env still overrides field by field, as for the
 * `temporal` CLI).
 *
 * The file is `$TEMPORAL_CONFIG_FILE`, else Temporal's default (`~/.config/temporalio/temporal.toml`
 * on Linux, `~/Library/Application Support/temporalio/temporal.toml` on macOS,
 * `%APPDATA%\temporalio\temporal.toml` on Windows); the profile is `$TEMPORAL_PROFILE`, else
 * `default`. A missing default file or default profile is no profile; a file or profile named
 * explicitly must exist. The API key stays out of the Config (it is a secret): the connection reads
 * it again when it connects (profileApiKey).
 */
import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadClientConfig, type ClientConfigProfile, type ConfigDataSource } from '@temporalio/envconfig';
import type { ConfigIssue } from './errors';

export interface TemporalProfileRef {
  /** The TOML file read. */
  readonly file: string;
  readonly name: string;
}

export interface TemporalProfileLayer {
  readonly ref?: TemporalProfileRef;
  /** The profile as a `temporal:` section of collectors.yaml (address, namespace, tls). */
  readonly section: Record<string, unknown>;
  /** Dotted config paths the profile sets (`temporal.address`), for messages. */
  readonly paths: readonly string[];
  readonly hasApiKey: boolean;
  readonly issues: readonly ConfigIssue[];
}

export const NO_PROFILE: TemporalProfileLayer = { section: {}, paths: [], hasApiKey: false, issues: [] };

/** Temporal's default profile file for this platform, or undefined when the home folder is unknown. */
export function defaultProfileFile(
  env: NodeJS.ProcessEnv,
  os: NodeJS.Platform = platform(),
): string | undefined {
  if (os === 'win32') return env.APPDATA ? join(env.APPDATA, 'temporalio', 'temporal.toml') : undefined;
  if (os === 'darwin') {
    return env.HOME
      ? join(env.HOME, 'Library', 'Application Support', 'temporalio', 'temporal.toml')
      : undefined;
  }
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg) return isAbsolute(xdg) ? join(xdg, 'temporalio', 'temporal.toml') : undefined;
  return env.HOME ? join(env.HOME, '.config', 'temporalio', 'temporal.toml') : undefined;
}

function readProfile(env: NodeJS.ProcessEnv): {
  ref?: TemporalProfileRef;
  profile?: ClientConfigProfile;
  issue?: ConfigIssue;
} {
  const explicitFile = env.TEMPORAL_CONFIG_FILE || undefined;
  const explicitName = env.TEMPORAL_PROFILE || undefined;
  const file = explicitFile ?? defaultProfileFile(env);
  if (file === undefined || !existsSync(file)) {
    if (explicitFile) {
      return { issue: { source: 'env TEMPORAL_CONFIG_FILE', path: '', message: `no such file: ${file}` } };
    }
    if (explicitName) {
      const where = file ?? 'the default location (HOME is not set)';
      return {
        issue: {
          source: 'env TEMPORAL_PROFILE',
          path: '',
          message:
            `profile "${explicitName}" asked for, but there is no profile file at ${where}: ` +
            'create it (`temporal config set --profile <name> --prop address --value host:port`) or point ' +
            'TEMPORAL_CONFIG_FILE at one',
        },
      };
    }
    return {};
  }
  let profiles: Record<string, ClientConfigProfile>;
  try {
    profiles = loadClientConfig({ configSource: { path: file } }).profiles;
  } catch (err) {
    return {
      issue: {
        source: file,
        path: '',
        message: `not a valid Temporal profile file: ${(err as Error).message}`,
      },
    };
  }
  const name = explicitName ?? 'default';
  const profile = profiles[name];
  if (profile === undefined) {
    if (!explicitName) return {};
    const known = Object.keys(profiles);
    return {
      issue: {
        source: 'env TEMPORAL_PROFILE',
        path: '',
        message: `no profile "${name}" in ${file} (profiles: ${known.length ? known.join(', ') : 'none'})`,
      },
    };
  }
  return { ref: { file, name }, profile };
}

/** Where a profile's values came from, in messages. */
export function profileSource(ref: TemporalProfileRef): string {
  return `${ref.file} profile "${ref.name}"`;
}

/**
 * The profile's settings as the bottom layer of the `temporal:` section, given the file's own
 * section (none when it names an address).
 */
export function temporalProfileLayer(env: NodeJS.ProcessEnv, fileSection?: unknown): TemporalProfileLayer {
  const own = fileSection as { address?: unknown } | undefined;
  if (typeof own === 'object' && own !== null && own.address !== undefined) return NO_PROFILE;
  const { ref, profile, issue } = readProfile(env);
  if (issue) return { ...NO_PROFILE, issues: [issue] };
  if (!ref || !profile) return NO_PROFILE;
  const source = profileSource(ref);
  const issues: ConfigIssue[] = [];
  const section: Record<string, unknown> = {};
  if (profile.address !== undefined) section.address = profile.address;
  if (profile.namespace !== undefined) section.namespace = profile.namespace;
  if (profile.tls !== undefined) {
    const t = profile.tls;
    const path = (key: string, data: ConfigDataSource | undefined) => {
      if (data === undefined) return undefined;
      if ('path' in data) return data.path;
      issues.push({
        source,
        path: `tls.${key}_data`,
        message: `inline PEM is not supported: write it to a file and set tls.${key}_path`,
      });
      return undefined;
    };
    // A [tls] table turns TLS on unless it says `disabled = true`, as for the Temporal CLI.
    const tls: Record<string, unknown> = { enabled: t.disabled !== true };
    const entries: [string, unknown][] = [
      ['serverName', t.serverName],
      ['serverRootCaFile', path('server_ca_cert', t.serverCACert)],
      ['clientCertFile', path('client_cert', t.clientCert)],
      ['clientKeyFile', path('client_key', t.clientKey)],
    ];
    for (const [key, value] of entries) if (value !== undefined) tls[key] = value;
    section.tls = tls;
  }
  const paths = Object.keys(section).flatMap((k) =>
    k === 'tls' ? Object.keys(section.tls as object).map((t) => `temporal.tls.${t}`) : [`temporal.${k}`],
  );
  return { ref, section, paths, hasApiKey: profile.apiKey !== undefined && profile.apiKey !== '', issues };
}

/** The profile's API key, read again at connect time (it never enters the Config). */
export function profileApiKey(ref: TemporalProfileRef | undefined): string | undefined {
  if (!ref) return undefined;
  return loadClientConfig({ configSource: { path: ref.file } }).profiles[ref.name]?.apiKey || undefined;
}

/**
 * `layer` under `file` (the collectors.yaml `temporal:` section): the file wins key by key, the TLS
 * mapping merged one level down. A file value that is not a mapping is left for validation to report.
 */
export function underFile(layer: Record<string, unknown>, file: unknown): unknown {
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) return file;
  const own = (file ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...layer, ...own };
  const tls = own.tls;
  if (
    layer.tls !== undefined &&
    (tls === undefined || (typeof tls === 'object' && tls !== null && !Array.isArray(tls)))
  ) {
    merged.tls = { ...(layer.tls as object), ...tls };
  }
  return merged;
}
