/**
 * A running sandbox, described for the commands that operate it (`--sandbox`): while `collectors dev`
 * runs the sandbox it keeps `.temporal/sandbox.json` (git-ignored) with its Temporal address and
 * namespace, its deployment, and each fake's URL, config section and tokens; the file is removed when
 * the sandbox stops. The tokens are the fakes' own, worthless anywhere else; the file is still
 * readable by its owner only.
 *
 * `collectors schedules list --sandbox`, `trigger --sandbox`, `collect github --sandbox`… read it and
 * build the sandbox's Config and secrets from it, so no token or address needs typing.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { deploymentSecrets } from '../collectors/secrets';
import type { Registry } from '../collectors/types';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createSecretResolver } from '../secrets/resolver';
import type { SecretResolver } from '../secrets/types';
import { projectRoot } from '../util/paths';
import { sandboxConfig, temporalEnvOf } from './config';
import { DevSetupError } from './errors';

export const SANDBOX_STATE_VERSION = 1;

export interface SandboxState {
  readonly version: typeof SANDBOX_STATE_VERSION;
  /** The `collectors dev` process; a file whose process is gone is stale. */
  readonly pid: number;
  readonly startedAt: string;
  readonly deployment: string;
  readonly temporal: {
    readonly address: string;
    readonly namespace: string;
    /** The sandbox started this dev server (else it runs on the user's Temporal, TEMPORAL_ADDRESS). */
    readonly devServer: boolean;
    readonly webUi?: string;
  };
  readonly fakes: readonly {
    readonly collector: string;
    readonly service: string;
    readonly url: string;
    /** The collector's config section pointing at the fake. */
    readonly section: Record<string, unknown>;
  }[];
  /** The fakes' tokens as the env secret backend reads them (`GITHUB_TOKEN`). */
  readonly secretsEnv: Readonly<Record<string, string>>;
}

/** `.temporal/sandbox.json` under `root`. */
export function sandboxStatePath(root: string = projectRoot()): string {
  return join(root, '.temporal', 'sandbox.json');
}

/** Writes the state; returns what removes it (only if it is still this process's). */
export function writeSandboxState(state: SandboxState, path: string = sandboxStatePath()): () => void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its mode on write
  return () => {
    try {
      const current = JSON.parse(readFileSync(path, 'utf8')) as Partial<SandboxState>;
      if (current.pid !== state.pid) return;
    } catch {
      // Unreadable or gone: removing it is still right.
    }
    rmSync(path, { force: true });
  };
}

const START_ONE = 'start one with `npm start` (or `collectors dev`) in another terminal';

/** The running sandbox's state; a clear error when none runs. */
export function readSandboxState(
  path: string = sandboxStatePath(),
  alive: (pid: number) => boolean = processAlive,
): SandboxState {
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path))
    throw new DevSetupError(`--sandbox: no sandbox is running (no ${shown}): ${START_ONE}`);
  let state: SandboxState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as SandboxState;
  } catch (err) {
    throw new DevSetupError(`--sandbox: ${shown} is not readable (${(err as Error).message}): ${START_ONE}`);
  }
  if (state.version !== SANDBOX_STATE_VERSION) {
    throw new DevSetupError(
      `--sandbox: ${shown} was written by another version of collectors: restart the sandbox (Ctrl-C, then npm start)`,
    );
  }
  if (!alive(state.pid)) {
    throw new DevSetupError(
      `--sandbox: the sandbox that wrote ${shown} (pid ${state.pid}) is no longer running: ${START_ONE}`,
    );
  }
  return state;
}

/**
 * The sandbox's Config, as its worker has it, for commands run beside it. On the user's own Temporal
 * the connection takes TEMPORAL_* from `env` (TLS, API key), as the sandbox did.
 */
export function sandboxStateConfig(state: SandboxState, registry: Registry, env: NodeJS.ProcessEnv): Config {
  const sections = Object.fromEntries(
    state.fakes.filter((f) => registry.has(f.collector)).map((f) => [f.collector, f.section]),
  );
  return sandboxConfig({
    registry,
    sections,
    temporalAddress: state.temporal.address,
    namespace: state.temporal.namespace,
    healthPort: 0,
    metricsPort: 0,
    temporalEnv: state.temporal.devServer ? {} : temporalEnvOf(env),
  });
}

/** A secret resolver holding the fakes' tokens. */
export function sandboxStateSecrets(state: SandboxState, registry: Registry, log: Logger): SecretResolver {
  return createSecretResolver({
    backend: 'env',
    env: { ...state.secretsEnv },
    declared: deploymentSecrets(registry),
    ttlMs: 0,
    log,
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
