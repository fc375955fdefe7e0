/**
 * A unit's context as the engine builds it (as in test/collectors/skypilot/context.ts, which scripts
 * do not import): one configured server, a secrets stub holding its token, a logger of its own,
 * fetch, and no-op heartbeats.
 */
import { settingsSchema, type SkyPilotSettings } from '../../src/collectors/skypilot/settings';
import type { CollectContext } from '../../src/collectors/types';
import { memoryLogger } from '../../src/log';
import type { SecretResolver } from '../../src/secrets/types';

export const TOKEN = 'sky_bench_token';
export const SERVER = 'bench';

const secrets: SecretResolver = {
  get: (name) => Promise.resolve(name === 'skypilot/api-key' ? TOKEN : undefined),
  require: (name) =>
    name === 'skypilot/api-key'
      ? Promise.resolve(TOKEN)
      : Promise.reject(new Error(`the bench has no secret ${name}`)),
};

export function benchSettings(url: string, options: Record<string, unknown>): SkyPilotSettings {
  return settingsSchema.parse({ targets: [{ name: SERVER, url }], options });
}

/** Logs at `warn` and above are kept, so the bench can show them; the rest is dropped. */
export function unitContext(
  group: 'jobs' | 'clusters',
  settings: SkyPilotSettings,
  asOf: Date,
): CollectContext<SkyPilotSettings> & { log: ReturnType<typeof memoryLogger> } {
  return {
    asOf,
    group,
    target: { id: SERVER, tags: { skypilot_server: SERVER } },
    settings,
    secrets,
    log: memoryLogger('warn'),
    fetch: globalThis.fetch,
    heartbeat: () => undefined,
    signal: new AbortController().signal,
    attempt: 1,
  };
}
