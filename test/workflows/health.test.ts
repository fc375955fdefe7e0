import { HEALTH_STAMP_PERIOD_S, healthTiming } from '../../src/workflows/health';

// A slot at 2026-01-01T00:00:00Z = 1,767,225,600 s; runs end 95 s later (1,767,225,695) unless said.
const SLOT = 1_767_225_600;
const iso = (s: number) => new Date(s * 1000).toISOString();
const END_MS = (SLOT + 95) * 1000;

test('a recent slot stamps health at the slot, with 55 minutes to submit it', () => {
  expect(healthTiming(iso(SLOT), END_MS)).toEqual({
    timestamp: SLOT,
    deadline: iso(SLOT + 55 * 60),
  });
});

test('cycles of different slots ending in the same second get different stamps', () => {
  // Four slots a minute apart (a backlog draining), and two backfilled days, all ending at SLOT + 95.
  const slots = [SLOT, SLOT - 60, SLOT - 120, SLOT - 180, SLOT - 86_400, SLOT - 2 * 86_400];
  const stamps = slots.map((s) => healthTiming(iso(s), END_MS).timestamp);
  // The recent ones: their slots. The day-old one: 95 + 86,400 = 86,495 s behind; 86,495 mod 1,201
  // = 86,495 − 72 × 1,201 = 23, so SLOT + 95 − 23 = SLOT + 72. Two days: 172,895 mod 1,201 =
  // 172,895 − 143 × 1,201 = 1,152, so SLOT + 95 − 1,152 = SLOT − 1,057.
  expect(stamps).toEqual([SLOT, SLOT - 60, SLOT - 120, SLOT - 180, SLOT + 72, SLOT - 1_057]);
  expect(new Set(stamps).size).toBe(slots.length);
});

test('an old slot is stamped within one period before the end, so Datadog still takes it', () => {
  const old = SLOT - 7 * 86_400;
  for (let endS = SLOT; endS < SLOT + 2 * HEALTH_STAMP_PERIOD_S; endS += 97) {
    const { timestamp, deadline } = healthTiming(iso(old), endS * 1000);
    expect(timestamp).toBeLessThanOrEqual(endS);
    expect(timestamp).toBeGreaterThan(endS - HEALTH_STAMP_PERIOD_S);
    expect((timestamp - old) % HEALTH_STAMP_PERIOD_S).toBe(0);
    // At least 55 − 20 = 35 minutes of retries after the end of the run.
    expect(Date.parse(deadline) - endS * 1000).toBeGreaterThanOrEqual(35 * 60_000 - 1000);
  }
});

test('the switch from the slot to the fallback is at one period behind', () => {
  // 1,200 s behind: still the slot. 1,201 s behind: the end itself (≡ slot modulo the period).
  expect(healthTiming(iso(SLOT), (SLOT + 1200) * 1000).timestamp).toBe(SLOT);
  expect(healthTiming(iso(SLOT), (SLOT + 1201) * 1000).timestamp).toBe(SLOT + 1201);
});
