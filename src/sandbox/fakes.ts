/**
 * The sandbox's side of each collector, from its registration (`Collector.sandbox`): the loopback fake
 * of its service, the config section that points the collector at it, and the secrets the collector
 * reads. A collector without a fake is left out of the sandbox, never pointed at its real service.
 */
import type { Registry, RunningFake } from '../collectors/types';
import type { SecretVariables } from '../secrets/names';

export type { RunningFake } from '../collectors/types';

export interface SandboxFake {
  /** The collector's name in the registry. */
  readonly collector: string;
  /** What the banner calls the service. */
  readonly service: string;
  start(): Promise<RunningFake>;
}

/** The fakes of the collectors of `reg` that declare one. */
export function sandboxFakesOf(reg: Registry): SandboxFake[] {
  return [...reg.values()].flatMap((c) => {
    const sandbox = c.sandbox;
    return sandbox ? [{ collector: c.name, service: sandbox.service, start: () => sandbox.start() }] : [];
  });
}

/** The secrets of the running fakes as the env backend reads them (`GITHUB_TOKEN=…`). */
export function secretsEnv(
  fakes: readonly Pick<RunningFake, 'secrets'>[],
  variableOf: SecretVariables,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const fake of fakes) {
    for (const [name, value] of Object.entries(fake.secrets)) env[variableOf(name)] = value;
  }
  return env;
}
