/**
 * A unit's context as the engine builds it (as in the tests' context helpers, which the benches do not
 * import): the asOf, group and target, the settings, the secrets, a logger of its own, fetch, and
 * no-op heartbeats.
 */
import type { CollectContext } from '../../src/collectors/types';
import { memoryLogger } from '../../src/log';
import type { SecretResolver } from '../../src/secrets/types';

export type UnitContext<S> = CollectContext<S> & { log: ReturnType<typeof memoryLogger> };

/** Logs at `warn` and above are kept, so the bench can show them (see `warningsOf`); the rest is dropped. */
export function unitContext<S>(unit: {
  group: string;
  target: CollectContext<S>['target'];
  settings: S;
  asOf: Date;
  secrets: SecretResolver;
}): UnitContext<S> {
  return {
    asOf: unit.asOf,
    group: unit.group,
    target: unit.target,
    settings: unit.settings,
    secrets: unit.secrets,
    log: memoryLogger('warn'),
    fetch: globalThis.fetch,
    heartbeat: () => undefined,
    signal: new AbortController().signal,
    attempt: 1,
  };
}

/** What the unit logged, as `level: message` lines. */
export function warningsOf(ctx: UnitContext<unknown>): string[] {
  return ctx.log.lines.map((l) => {
    const { level, msg } = JSON.parse(l) as { level: string; msg: string };
    return `${level}: ${msg}`;
  });
}
