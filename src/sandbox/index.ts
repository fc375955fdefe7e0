/**
 * The sandbox (docs/design.md#sandbox): every implemented collector talks to the project's loopback fake of its
 * service, the sink is forced to dry-run, and every point carries `env:sandbox`. This module starts
 * the fakes and builds what the worker needs from them: the in-memory Config and a secret resolver
 * holding the fakes' tokens (nothing is read from, or written to, process.env).
 */
import type { Registry } from '../collectors/types';
import type { Config } from '../config';
import type { Logger } from '../log';
import { deploymentSecrets } from '../collectors/secrets';
import { secretVariables } from '../secrets/names';
import { createSecretResolver } from '../secrets/resolver';
import type { SecretResolver } from '../secrets/types';
import { sandboxConfig, type SandboxConfigOptions } from './config';
import { sandboxFakesOf, secretsEnv, type RunningFake, type SandboxFake } from './fakes';

export { SANDBOX_DEPLOYMENT, SANDBOX_ENV, SANDBOX_SCHEDULE, SANDBOX_SOURCE, temporalEnvOf } from './config';

export interface SandboxService {
  readonly collector: string;
  readonly service: string;
  readonly url: string;
  readonly serves: string;
}

export interface SandboxFakes {
  readonly services: readonly SandboxService[];
  /** Implemented collectors without a fake: left out of the sandbox. */
  readonly skipped: readonly string[];
  config(options: Omit<SandboxConfigOptions, 'registry' | 'sections'>): Config;
  secrets(log: Logger): SecretResolver;
  /** Each running fake's config section, by collector (for the state file, ./state.ts). */
  readonly sections: Readonly<Record<string, Record<string, unknown>>>;
  /** The fakes' tokens as the env backend reads them (for the state file). */
  readonly secretsEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts the fake of every collector of `registry` that has one, on free loopback ports. */
export async function startSandboxFakes(
  registry: Registry,
  fakes: readonly SandboxFake[] = sandboxFakesOf(registry),
): Promise<SandboxFakes> {
  const chosen = fakes.filter((f) => registry.has(f.collector));
  const skipped = [...registry.keys()].filter((name) => !fakes.some((f) => f.collector === name));
  const settled = await Promise.allSettled(chosen.map((f) => f.start()));
  const running = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const close = async () => {
    await Promise.allSettled(running.map((r) => r.close()));
  };
  if (failed) {
    await close();
    throw new Error(`could not start a sandbox fake: ${String(failed.reason)}`);
  }
  const byCollector = new Map<string, RunningFake>(chosen.map((f, i) => [f.collector, running[i]!]));
  const sections = Object.fromEntries([...byCollector].map(([name, r]) => [name, r.section]));
  const declared = deploymentSecrets(registry);
  const env = secretsEnv(running, secretVariables(declared));
  return {
    services: chosen.map((f) => ({
      collector: f.collector,
      service: f.service,
      url: byCollector.get(f.collector)!.url,
      serves: byCollector.get(f.collector)!.serves,
    })),
    skipped,
    config: (options) => sandboxConfig({ ...options, registry, sections }),
    secrets: (log) => createSecretResolver({ backend: 'env', env: { ...env }, declared, ttlMs: 0, log }),
    sections,
    secretsEnv: Object.fromEntries(
      Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as const])),
    ),
    close,
  };
}
