/**
 * Runs one registered collector against its own sandbox fake, in-process (no Temporal), with the
 * test's clock: the fake's data is built relative to `now`, and cycles run as of it.
 */
import type { Collector, RunningFake } from '../../src/collectors/types';
import { collectLocal, type LocalCycleResult } from '../../src/engine/collect-local';
import type { Runtime } from '../../src/engine/runtime';
import { runtimeFromConfig } from '../../src/engine/runtime-from-config';
import { memoryLogger, type Logger } from '../../src/log';
import { sandboxConfig } from '../../src/sandbox/config';
import { secretsEnv } from '../../src/sandbox/fakes';
import { secretVariables } from '../../src/secrets/names';
import { createSecretResolver } from '../../src/secrets/resolver';
import type { SecretResolver } from '../../src/secrets/types';

export interface CollectorUnderTest {
  readonly collector: Collector;
  readonly fake: RunningFake;
  readonly runtime: Runtime;
  /** The fake's secrets. */
  readonly secrets: SecretResolver;
  /** The fake's secrets, each changed so that the fake refuses it (a revoked token). */
  readonly wrongSecrets: SecretResolver;
  readonly log: Logger & { lines: string[] };
  close(): Promise<void>;
}

/** The test's clock: now, on a whole minute (a slot), taken once per file. */
export function testClock(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000);
}

/** The collector's sandbox fake, or a failure that says what to declare. */
export function sandboxOf(collector: Collector) {
  if (!collector.sandbox) throw new Error(`${collector.name} declares no sandbox fake (Collector.sandbox)`);
  return collector.sandbox;
}

export async function startUnderTest(collector: Collector, now: Date): Promise<CollectorUnderTest> {
  const fake = await sandboxOf(collector).start({ now: () => now });
  const registry = new Map([[collector.name, collector]]);
  const config = sandboxConfig({
    registry,
    sections: { [collector.name]: fake.section },
    temporalAddress: '127.0.0.1:1',
    healthPort: 0,
    metricsPort: 0,
  });
  const log = memoryLogger('warn');
  // The fake's secrets reach the collector through the variables its deploy declaration names.
  const declared = collector.deploy?.secrets ?? [];
  const resolver = (secrets: Readonly<Record<string, string>>) =>
    createSecretResolver({
      backend: 'env',
      env: secretsEnv([{ secrets }], secretVariables(declared)),
      declared,
      ttlMs: 0,
      log,
    });
  const revoked = Object.fromEntries(Object.entries(fake.secrets).map(([k, v]) => [k, `${v}-revoked`]));
  return {
    collector,
    fake,
    runtime: runtimeFromConfig(config, registry),
    secrets: resolver(fake.secrets),
    wrongSecrets: resolver(revoked),
    log,
    close: () => fake.close(),
  };
}

/** One cycle in-process, as `collectors collect` runs it: slot `asOf`, started at `now` (which sets the mode). */
export function collectCycle(sut: CollectorUnderTest, asOf: Date, now: Date): Promise<LocalCycleResult> {
  return collectLocal({
    runtime: sut.runtime,
    collector: sut.collector.name,
    asOf,
    secrets: sut.secrets,
    log: sut.log,
    fetch,
    now: () => now,
  });
}
