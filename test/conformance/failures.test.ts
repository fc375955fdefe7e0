/**
 * Every registered collector under failure, each unit run as the activity runs it (runUnit): when its
 * service fails (the fake's failure injection) a unit emits none of its points and fails as retryable;
 * with refused credentials it fails at once with a PermanentError whose message names the fix.
 */
import { PermanentError } from '../../src/errors';
import type { Target } from '../../src/collectors/types';
import { planCycle } from '../../src/engine/plan';
import { runUnit, type UnitResult } from '../../src/engine/run-unit';
import type { SecretResolver } from '../../src/secrets/types';
import type { CyclePlan } from '../../src/workflows/types';
import { REGISTERED } from './collectors';
import { startUnderTest, testClock, type CollectorUnderTest } from './harness';

const NOW = testClock();
/** A refused credential must end the unit this fast: no retry, no wait. */
const FAIL_FAST_MS = 5_000;

describe.each(REGISTERED)('%s', (name, collector) => {
  const groups = collector.catalog.groups.map((g) => g.name);
  let sut: CollectorUnderTest;
  let plan: CyclePlan;

  beforeEach(async () => {
    sut = await startUnderTest(collector, NOW);
    // Planned while the service is healthy: the units are what is under test.
    plan = await planCycle({
      runtime: sut.runtime,
      collector: name,
      asOf: NOW,
      startedAt: NOW,
      scheduled: false,
      secrets: sut.secrets,
      log: sut.log,
      fetch,
      signal: AbortSignal.timeout(30_000),
    });
  });
  afterEach(() => sut?.close());

  const unit = (group: string, target: Target, secrets: SecretResolver): Promise<UnitResult> =>
    runUnit({
      collector,
      settings: sut.runtime.collector(name).settings,
      group,
      target,
      asOf: NOW,
      mode: plan.mode,
      commonTags: plan.commonTags,
      secrets,
      log: sut.log,
      fetch,
      signal: AbortSignal.timeout(30_000),
      attempt: 1,
      heartbeat: () => undefined,
    });

  it.each(groups)(
    'a failing service: group %s emits none of its points and fails as retryable',
    async (group) => {
      sut.fake.failEveryRequest();
      for (const target of plan.targets) {
        const outcome = await unit(group, target, sut.secrets).then(
          (result) => ({ points: result.points }),
          (err: unknown) => ({ error: err }),
        );
        // Absent, not 0: a unit that cannot read its source returns no points at all.
        expect([target.id, outcome]).toEqual([target.id, { error: expect.any(Error) }]);
        expect([target.id, (outcome as { error: Error }).error]).not.toEqual([
          target.id,
          expect.any(PermanentError),
        ]);
      }
    },
  );

  it.each(groups)('refused credentials: group %s fails fast with the fix, and no secret', async (group) => {
    const [target] = plan.targets;
    const started = Date.now();
    const error = await unit(group, target!, sut.wrongSecrets).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(Date.now() - started).toBeLessThan(FAIL_FAST_MS);
    expect(error).toBeInstanceOf(PermanentError);
    const { message, fix } = error as PermanentError;
    expect(fix).toEqual(expect.any(String));
    // The fix names where the credential goes: one of the collector's secrets or their variables.
    const places = (collector.deploy?.secrets ?? []).flatMap((s) => [s.name, s.env]);
    expect([message, places.some((p) => fix!.includes(p))]).toEqual([message, true]);
    for (const value of Object.values(sut.fake.secrets)) expect(message).not.toContain(value);
  });
});
