/**
 * The sandbox's configuration, built in memory and validated like a file (parseConfig): deployment
 * `sandbox`, `env:sandbox` on every point, every collector pointed at its fake and scheduled every
 * 30 s. Nothing from the user's environment can make it half real: DD_*, SECRETS_BACKEND, AWS_* and
 * COLLECTORS_DEPLOYMENT are not read; only the Temporal connection may come from TEMPORAL_* when the
 * sandbox uses a Temporal server of the user's (TEMPORAL_ADDRESS).
 */
import type { Registry } from '../collectors/types';
import { parseConfig, type Config } from '../config';

export const SANDBOX_DEPLOYMENT = 'sandbox';
export const SANDBOX_ENV = 'sandbox';
export const SANDBOX_SCHEDULE = '30s';
/** What `Config.source` says; never a file, so the worker never "reloads" it. */
export const SANDBOX_SOURCE = '<sandbox>';

export interface SandboxConfigOptions {
  readonly registry: Registry;
  /** Config sections of the collectors that run, by name (from their fakes). */
  readonly sections: Readonly<Record<string, Record<string, unknown>>>;
  readonly temporalAddress: string;
  readonly namespace?: string;
  readonly healthPort: number;
  readonly metricsPort: number;
  /**
   * TEMPORAL_* variables (TLS, API key) to honour: the user's own Temporal server only. A dev server
   * started by the sandbox takes none.
   */
  readonly temporalEnv?: NodeJS.ProcessEnv;
}

/** Variables a sandbox on the user's Temporal server may take from the environment. */
const TEMPORAL_VARS = [
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
];

export function temporalEnvOf(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(TEMPORAL_VARS.filter((k) => env[k]).map((k) => [k, env[k]]));
}

export function sandboxConfig(options: SandboxConfigOptions): Config {
  const collectors: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(options.sections)) {
    collectors[name] = {
      ...section,
      enabled: true,
      schedule: SANDBOX_SCHEDULE,
      // Slots missed while the sandbox was stopped are not worth running when it starts again.
      catchupWindow: '10s',
    };
  }
  const document = {
    deployment: SANDBOX_DEPLOYMENT,
    temporal: {
      address: options.temporalAddress,
      ...(options.namespace ? { namespace: options.namespace } : {}),
    },
    datadog: { env: SANDBOX_ENV },
    secrets: { backend: 'env' },
    worker: { healthPort: options.healthPort, metricsPort: options.metricsPort },
    collectors,
  };
  return parseConfig(document, {
    env: options.temporalEnv ?? {},
    registry: options.registry,
    source: SANDBOX_SOURCE,
  });
}
