/**
 * A whole cycle of every registered collector against its fake, as of the test's clock: every declared
 * metric is emitted (but the reviewed exemptions), nothing undeclared is, and every point is at asOf.
 */
import type { LocalCycleResult } from '../../src/engine/collect-local';
import { REGISTERED } from './collectors';
import { collectCycle, startUnderTest, testClock, type CollectorUnderTest } from './harness';

const NOW = testClock();

describe.each(REGISTERED)('%s', (_name, collector) => {
  let sut: CollectorUnderTest;
  let run: LocalCycleResult;

  beforeAll(async () => {
    sut = await startUnderTest(collector, NOW);
    run = await collectCycle(sut, NOW, NOW);
  });
  afterAll(() => sut?.close());

  it('runs every unit of every group successfully', () => {
    expect(run.plan.mode).toBe('manual');
    expect(run.outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(new Set(run.outcomes.map((o) => o.group))).toEqual(
      new Set(collector.catalog.groups.map((g) => g.name)),
    );
  });

  it('emits every declared metric', () => {
    const emitted = new Set(run.points.map((p) => p.metric));
    const exempt = new Set(Object.keys(collector.sandbox?.absentOnHappyPath ?? {}));
    const missing = collector.catalog.metrics
      .map((m) => m.name)
      .filter((m) => !emitted.has(m) && !exempt.has(m));
    expect(missing).toEqual([]);
  });

  it('emits nothing undeclared (no point dropped by validation)', () => {
    const declared = new Set(collector.catalog.metrics.map((m) => m.name));
    expect(run.points.filter((p) => !declared.has(p.metric))).toEqual([]);
    expect(run.outcomes.filter((o) => o.invalid > 0)).toEqual([]);
  });

  it('stamps every point at asOf', () => {
    expect(new Set(run.points.map((p) => p.timestamp))).toEqual(new Set([NOW.getTime() / 1000]));
  });
});
