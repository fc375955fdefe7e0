/**
 * Environment variables that override the file. They are laid over the file's values before
 * validation, so an env value is checked exactly like a file value, and its errors name the variable.
 * An empty variable counts as unset (Helm and Compose often render unset values as "").
 *
 * The Temporal connection takes Temporal's standard names (those of the `temporal` CLI and the SDKs'
 * environment configuration); the project's older names are aliases, and the two may not disagree.
 */
import type { ConfigIssue } from './errors';
import { splitTagList } from './tags';

export interface EnvOverride {
  readonly env: string;
  /** An older name of the same setting, still read. */
  readonly alias?: string;
  readonly path: readonly string[];
  readonly boolean?: true;
  readonly number?: true;
  /** A list: items separated by spaces or commas (DD_TAGS, as the Datadog Agent reads it). */
  readonly list?: true;
}

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { env: 'COLLECTORS_DEPLOYMENT', path: ['deployment'] },
  { env: 'TEMPORAL_ADDRESS', path: ['temporal', 'address'] },
  { env: 'TEMPORAL_NAMESPACE', path: ['temporal', 'namespace'] },
  { env: 'TEMPORAL_TASK_QUEUE', path: ['temporal', 'taskQueue'] },
  { env: 'TEMPORAL_TLS', path: ['temporal', 'tls', 'enabled'], boolean: true },
  {
    env: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    alias: 'TEMPORAL_TLS_CA',
    path: ['temporal', 'tls', 'serverRootCaFile'],
  },
  {
    env: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
    alias: 'TEMPORAL_TLS_CERT',
    path: ['temporal', 'tls', 'clientCertFile'],
  },
  {
    env: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
    alias: 'TEMPORAL_TLS_KEY',
    path: ['temporal', 'tls', 'clientKeyFile'],
  },
  { env: 'TEMPORAL_TLS_SERVER_NAME', path: ['temporal', 'tls', 'serverName'] },
  { env: 'DD_SITE', path: ['datadog', 'site'] },
  { env: 'DD_URL', path: ['datadog', 'url'] },
  { env: 'DD_ENV', path: ['datadog', 'env'] },
  { env: 'DD_SERVICE', path: ['datadog', 'service'] },
  { env: 'DD_VERSION', path: ['datadog', 'version'] },
  { env: 'DD_TAGS', path: ['datadog', 'tags'], list: true },
  { env: 'SECRETS_BACKEND', path: ['secrets', 'backend'] },
  { env: 'AWS_REGION', path: ['secrets', 'region'] },
  { env: 'AWS_ENDPOINT_URL_SECRETS_MANAGER', path: ['secrets', 'endpoint'] },
  { env: 'COLLECTORS_HEALTH_PORT', path: ['worker', 'healthPort'], number: true },
  { env: 'COLLECTORS_METRICS_PORT', path: ['worker', 'metricsPort'], number: true },
];

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Standard Temporal variables this project does not read: set, they would be silently ignored, so
 * they are refused with what to use instead.
 */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: 'write the PEM to a file and set TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  TEMPORAL_TLS_CLIENT_CERT_DATA: 'write the PEM to a file and set TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_CLIENT_KEY_DATA: 'write the PEM to a file and set TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_DISABLE_HOST_VERIFICATION:
    'not supported by the TypeScript SDK: set TEMPORAL_TLS_SERVER_NAME to the name the certificate holds',
};

/**
 * A copy of `file` with the env values set. Returns the dotted paths that env set, each with its
 * source for error messages (`env TEMPORAL_ADDRESS`), and the variables refused. A path whose parent
 * in the file is not a mapping is left alone: the file's own error is reported instead.
 */
export function applyEnvOverrides(
  file: Plain,
  env: NodeJS.ProcessEnv,
): { merged: Plain; fromEnv: Map<string, string>; issues: ConfigIssue[] } {
  const merged = structuredClone(file);
  const fromEnv = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const [name, fix] of Object.entries(UNSUPPORTED)) {
    if (env[name]) issues.push({ source: `env ${name}`, path: '', message: `not supported: ${fix}` });
  }
  for (const o of ENV_OVERRIDES) {
    const standard = env[o.env] || undefined;
    const older = (o.alias && env[o.alias]) || undefined;
    if (standard !== undefined && older !== undefined && standard !== older) {
      issues.push({
        source: `env ${o.env}`,
        path: o.path.join('.'),
        message: `disagrees with ${o.alias} (its older name): unset ${o.alias}`,
      });
      continue;
    }
    const raw = standard ?? older;
    const variable = standard !== undefined ? o.env : o.alias!;
    if (raw === undefined) continue;
    let node: Plain = merged;
    let blocked = false;
    for (const key of o.path.slice(0, -1)) {
      const child = node[key] ?? (node[key] = {});
      if (!isPlain(child)) {
        blocked = true;
        break;
      }
      node = child;
    }
    if (blocked) continue;
    node[o.path[o.path.length - 1]!] = o.boolean
      ? parseBoolean(raw)
      : o.number
        ? parseNumber(raw)
        : o.list
          ? splitTagList(raw)
          : raw;
    fromEnv.set(o.path.join('.'), `env ${variable}`);
  }
  return { merged, fromEnv, issues };
}

/** A number when the text is one; else the text, which fails validation with the variable named. */
function parseNumber(raw: string): number | string {
  const n = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

/** `true`/`false`/`1`/`0`; anything else stays a string and fails validation with the variable named. */
function parseBoolean(raw: string): boolean | string {
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return raw;
}
