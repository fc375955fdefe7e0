/**
 * A backfill of every registered collector: a slot days before the test's clock, run now, against a
 * fake whose data is relative to now. Only metrics declared `backfill` are emitted, each at the slot.
 */
import type { LocalCycleResult } from '../../src/engine/collect-local';
import { REGISTERED } from './collectors';
import { collectCycle, startUnderTest, testClock, type CollectorUnderTest } from './harness';

const NOW = testClock();
const SLOT = new Date(NOW.getTime() - 3 * 24 * 3600_000);

describe.each(REGISTERED)('%s', (_name, collector) => {
  let sut: CollectorUnderTest;
  let run: LocalCycleResult;

  beforeAll(async () => {
    sut = await startUnderTest(collector, NOW);
    run = await collectCycle(sut, SLOT, NOW);
  });
  afterAll(() => sut?.close());

  it('runs in backfill mode, every unit successfully', () => {
    expect(run.plan.mode).toBe('backfill');
    expect(run.outcomes.filter((o) => !o.ok)).toEqual([]);
  });

  it('emits only backfillable metrics (some, when it declares any)', () => {
    const backfillable = new Set(collector.catalog.metrics.filter((m) => m.backfill).map((m) => m.name));
    expect(run.points.filter((p) => !backfillable.has(p.metric))).toEqual([]);
    expect(run.points.length > 0).toBe(backfillable.size > 0);
  });

  it('stamps every point at the slot', () => {
    // A collector without backfillable metrics (nothing of its source has a past) emits none.
    const stamps = run.points.length ? [SLOT.getTime() / 1000] : [];
    expect(new Set(run.points.map((p) => p.timestamp))).toEqual(new Set(stamps));
  });
});
