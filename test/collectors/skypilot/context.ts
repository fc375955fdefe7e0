/** A CollectContext for calling the collector directly, as the engine would, with spies to inspect. */
import { planContext, unitContext } from '../../../src/collectors/kit/unit-context';
import type { PlanContext } from '../../../src/collectors/types';
import type { SecretResolver } from '../../../src/secrets/types';
import { settingsSchema, type SkyPilotSettings } from '../../../src/collectors/skypilot/settings';

export function secretsStub(values: Record<string, string | undefined>): SecretResolver {
  return {
    get: (name) => Promise.resolve(values[name]),
    require: (name) => {
      const v = values[name];
      return v === undefined ? Promise.reject(new Error(`secret ${name} is not set`)) : Promise.resolve(v);
    },
  };
}

export interface ContextOptions {
  readonly group: 'jobs' | 'clusters';
  readonly asOf: Date;
  readonly url?: string;
  readonly token?: string;
  readonly options?: Record<string, unknown>;
  readonly signal?: AbortSignal;
  readonly secrets?: Record<string, string | undefined>;
}

export function settingsFor(
  url: string | undefined,
  options: Record<string, unknown> = {},
): SkyPilotSettings {
  return settingsSchema.parse({ targets: [{ name: 'prod', ...(url ? { url } : {}) }], options });
}

export function makeContext(o: ContextOptions) {
  const heartbeat = jest.fn();
  const ctx = unitContext({
    asOf: o.asOf,
    group: o.group,
    target: { id: 'prod', tags: { skypilot_server: 'prod' } },
    settings: settingsFor(o.url, o.options),
    secrets: secretsStub({ 'skypilot/api-key': o.token, ...o.secrets }),
    heartbeat,
    signal: o.signal,
  });
  return { ctx, heartbeat, log: ctx.log };
}

export function makePlanContext(url: string | undefined, token?: string): PlanContext<SkyPilotSettings> {
  return planContext({ settings: settingsFor(url), secrets: secretsStub({ 'skypilot/api-key': token }) });
}

/** Points as `name{tag:value}` → value, for whole-map assertions. */
export function byName(points: readonly { metric: string; value: number; tags?: Record<string, string> }[]) {
  const out: Record<string, number> = {};
  for (const p of points) {
    const tags = Object.entries(p.tags ?? {})
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
    out[tags ? `${p.metric}{${tags}}` : p.metric] = p.value;
  }
  return out;
}

/** Same metric names; values equal to 9 significant digits (statistics are floating point). */
export function expectMetrics(got: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    if (Math.abs(got[name]! - value) > Math.abs(value) * 1e-9)
      expect({ [name]: got[name] }).toEqual({ [name]: value });
  }
}
