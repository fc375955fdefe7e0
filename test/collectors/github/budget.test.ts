/**
 * The rate budget planner: the cycle's share of each bucket, the groups in priority order, the repos
 * read longest ago first, free units always in; and, against the fake GitHub, the buckets it learns
 * from the answers' headers and the kept reads it counts as free.
 */
import { githubCollector } from '../../../src/collectors/github';
import { planBudget, type Priced } from '../../../src/collectors/github/budget/plan';
import { forgetBuckets } from '../../../src/collectors/github/budget/seen';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import type { PlannedUnit } from '../../../src/collectors/types';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { planContext, secretsWith, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

const NOW = Date.parse('2026-03-02T10:10:00Z');
const MINUTE = 60_000;
const PRIORITY = ['api', 'pulls', 'ci', 'commits', 'branches'];
/** A token's full hour: 5,000 left, refilled at 11:10, 60 minutes on. */
const FULL = { limit: 5000, remaining: 5000, resetMs: NOW + 60 * MINUTE };

/** 20 active repos never read here, r01 read longest ago; each group at its cold cost (budget/plan.ts COLD). */
function coldUnits(): Priced[] {
  const cost = {
    api: { core: 0, graphql: 0 },
    pulls: { core: 0, graphql: 60 },
    ci: { core: 17, graphql: 0 },
    commits: { core: 3, graphql: 2 },
    branches: { core: 0, graphql: 2 },
  };
  return Array.from({ length: 20 }, (_, i) => `acme/r${String(i + 1).padStart(2, '0')}`).flatMap((id, i) =>
    Object.entries(cost).map(([group, c]) => ({
      unit: { group, target: { id, tags: {} } },
      cost: c,
      readMs: i,
    })),
  );
}

const skippedBy = (skipped: { group: string; target: string }[]) => {
  const out: Record<string, string[]> = {};
  for (const s of skipped) (out[s.group] ??= []).push(s.target);
  for (const targets of Object.values(out)) targets.sort();
  return out;
};

test('a cold start takes a quarter of the usable hour, by group priority, the repos read longest ago first', () => {
  const skipped = planBudget(coldUnits(), {
    buckets: { core: FULL, graphql: FULL },
    now: NOW,
    intervalMs: 15 * MINUTE,
    reserve: 0.1,
    priority: PRIORITY,
    slot: '2026-03-02T10:00:00Z',
  });
  // Usable: 5,000 − 10 % of 5,000 = 4,500; 60 minutes to the refill / 15 = 4 cycles: 1,125 each.
  // GraphQL: pulls 20 × 60 = 1,200 > 1,125, so 18 (1,080) run, r19 and r20 wait; 45 left.
  // REST: ci 20 × 17 = 340 of 1,125. Commits 20 × (3 REST + 2 GraphQL): 40 of the 45 points, 5 left.
  // Branches at 2 points: r01 and r02 (4), the other 18 wait. api is free.
  expect(skippedBy(skipped)).toEqual({
    pulls: ['acme/r19', 'acme/r20'],
    branches: Array.from({ length: 18 }, (_, i) => `acme/r${String(i + 3).padStart(2, '0')}`),
  });
  expect(skipped[0]!.reason).toBe(
    "the token's share for this cycle (1125 of the 5000 left until 11:10 UTC, spread over 4 cycle(s)) went to units of higher priority",
  );
});

test('no cycle spends more than its part of the hour, even the last before the refill; a refilled or unseen bucket does not limit', () => {
  const base = { now: NOW, intervalMs: 15 * MINUTE, reserve: 0.1, priority: PRIORITY, slot: 's' };
  // 10 minutes to the refill: 1 cycle; 1,700 − 500 reserved = 1,200 usable, but a cycle spends at
  // most a quarter of the hour's 4,500: 1,125, as in the cold start: pulls r19 and r20 wait, commits
  // take 40 of the 45 left, branches r01 and r02 the last 4.
  const last = planBudget(coldUnits(), {
    ...base,
    buckets: { graphql: { limit: 5000, remaining: 1700, resetMs: NOW + 10 * MINUTE } },
  });
  expect(skippedBy(last)).toEqual({
    pulls: ['acme/r19', 'acme/r20'],
    branches: Array.from({ length: 18 }, (_, i) => `acme/r${String(i + 3).padStart(2, '0')}`),
  });
  expect(last[0]!.reason).toBe(
    "the token's share for this cycle (1125 of the 1700 left until 10:20 UTC, at most 1/4 of the hour's 4500 a cycle) went to units of higher priority",
  );
  // Hourly: the cycle may spend the hour's whole 4,500; 1,700 left: 1,200 cover the pulls, then nothing.
  const hourly = planBudget(coldUnits(), {
    ...base,
    intervalMs: 60 * MINUTE,
    buckets: { graphql: { limit: 5000, remaining: 1700, resetMs: NOW + 10 * MINUTE } },
  });
  expect(Object.keys(skippedBy(hourly))).toEqual(['commits', 'branches']);
  expect(skippedBy(hourly).commits).toHaveLength(20);
  // A reset already past: the bucket has refilled, 4,500 usable over the next 4 cycles as above.
  const refilled = planBudget(coldUnits(), {
    ...base,
    buckets: { graphql: { limit: 5000, remaining: 3, resetMs: NOW - MINUTE } },
  });
  expect(skippedBy(refilled).pulls).toEqual(['acme/r19', 'acme/r20']);
  // Nothing seen yet: no limit.
  expect(planBudget(coldUnits(), { ...base, buckets: {} })).toEqual([]);
});

test('a short schedule spreads over at most 4 cycles; a unit larger than a share goes first, alone', () => {
  const base = { now: NOW, reserve: 0.1, priority: PRIORITY, slot: 's' };
  // Every 30 s: 120 cycles to the refill, spread over 4 as with 15 minutes.
  const short = planBudget(coldUnits(), { ...base, intervalMs: 30_000, buckets: { graphql: FULL } });
  expect(skippedBy(short).pulls).toEqual(['acme/r19', 'acme/r20']);
  // One pulls unit of 2,000 points, more than the 1,125 share: it is the first to spend, and the
  // 4,500 usable cover it, so it goes; then nothing else of GraphQL fits.
  const big: Priced = {
    unit: { group: 'pulls', target: { id: 'acme/big', tags: {} } },
    cost: { core: 0, graphql: 2000 },
    readMs: -1,
  };
  const skipped = planBudget([big, ...coldUnits()], {
    ...base,
    intervalMs: 15 * MINUTE,
    buckets: { graphql: FULL },
  });
  expect(skipped.some((s) => s.target === 'acme/big')).toBe(false);
  expect(skippedBy(skipped).pulls).toHaveLength(20);
});

describe('against the fake GitHub', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
  });
  afterAll(() => gh.close());
  beforeEach(() => {
    clearProcessCaches();
    forgetBuckets();
  });

  test('learns the GraphQL bucket from the plan’s own answer, and runs what costs nothing', async () => {
    // 501 points left, 50 minutes to the refill: after the fingerprint query (1 point) 500 remain,
    // all of them the 10 % reserve of 5,000: nothing usable for GraphQL units this cycle.
    gh.setRateLimit({ resource: 'graphql', remaining: 501, resetAt: new Date(Date.now() + 50 * MINUTE) });
    const s = settings(gh.url, {}, { repos: ['acme/widgets', 'acme/empty'] });
    const plan = async (asOf: Date) => {
      const ctx = { ...planContext(s, asOf), intervalMs: 15 * MINUTE };
      const targets = await githubCollector.targets(ctx);
      const units: PlannedUnit[] = targets.flatMap((target) =>
        ['pulls', 'commits', 'ci', 'branches', 'api'].map((group) => ({ group, target })),
      );
      return { targets, skipped: skippedBy([...(await githubCollector.skipUnits!(ctx, units))]) };
    };
    const first = await plan(AS_OF);
    // The REST bucket was never seen (no org to list): ci is not limited; api is free.
    expect(first.skipped).toEqual({
      pulls: ['acme/empty', 'acme/widgets'],
      commits: ['acme/empty', 'acme/widgets'],
      branches: ['acme/empty', 'acme/widgets'],
    });
    // widgets' pulls read once (outside the plan), then kept: the next slot's plan counts it free.
    const widgets = first.targets.find((t) => t.id === 'acme/widgets')!;
    await githubCollector.collect(
      unitContext({ group: 'pulls', target: widgets, settings: s, asOf: AS_OF, secrets: secretsWith() }),
    );
    const next = await plan(new Date(AS_OF.getTime() + 15 * MINUTE));
    expect(next.skipped.pulls).toEqual(['acme/empty']);

    // A full hour lets every unit run; with 501 points again, the next plan prices the units it let
    // run as free while their repos have not changed (another replica keeps their reads): none waits.
    // (A new window: within one, the worker trusts the lowest remaining it saw.)
    gh.setRateLimit({ resource: 'graphql', remaining: 5000, resetAt: new Date(Date.now() + 55 * MINUTE) });
    expect((await plan(new Date(AS_OF.getTime() + 30 * MINUTE))).skipped).toEqual({});
    gh.setRateLimit({ resource: 'graphql', remaining: 501, resetAt: new Date(Date.now() + 50 * MINUTE) });
    expect((await plan(new Date(AS_OF.getTime() + 45 * MINUTE))).skipped).toEqual({});
  });
  test('a planner that has not seen the REST bucket yet asks GET /rate_limit (free) and keeps to it', async () => {
    // 500 REST requests left: all of them the 10 % reserve of 5,000, nothing usable this cycle.
    gh.setRateLimit({ resource: 'core', remaining: 500, resetAt: new Date(Date.now() + 50 * MINUTE) });
    const s = settings(gh.url, {}, { repos: ['acme/widgets', 'acme/empty'] });
    const ctx = { ...planContext(s, AS_OF), intervalMs: 15 * MINUTE };
    const targets = await githubCollector.targets(ctx);
    gh.requests.length = 0;
    const units: PlannedUnit[] = targets.flatMap((target) =>
      ['ci', 'api'].map((group) => ({ group, target })),
    );
    const skipped = skippedBy([...(await githubCollector.skipUnits!(ctx, units))]);
    expect(skipped).toEqual({ ci: ['acme/empty', 'acme/widgets'] });
    expect(gh.requests.map((r) => `${r.path} ${r.resource}`)).toEqual(['/rate_limit none']);
    gh.setRateLimit({ resource: 'core', remaining: 5000, resetAt: new Date(Date.now() + 60 * MINUTE) });
  });

  test('with routes, a unit is free only on the replica that read it: its own memory, or where a plan let it run', async () => {
    const s = settings(gh.url, {}, { repos: ['acme/widgets', 'acme/empty'] });
    const plan = async (slot: number, replica: string) => {
      // This plan runs on replica a; every repo is routed to `replica`.
      const ctx = {
        ...planContext(s, new Date(AS_OF.getTime() + slot * 15 * MINUTE)),
        intervalMs: 15 * MINUTE,
        routes: { self: 'a', replicaOf: () => replica },
      };
      const targets = await githubCollector.targets(ctx);
      const units: PlannedUnit[] = targets.flatMap((target) =>
        ['pulls', 'commits', 'branches'].map((group) => ({ group, target })),
      );
      return { targets, ctx, skipped: skippedBy([...(await githubCollector.skipUnits!(ctx, units))]) };
    };
    const both = ['acme/empty', 'acme/widgets'];
    const all = { pulls: both, commits: both, branches: both };
    const scarce = () =>
      gh.setRateLimit({ resource: 'graphql', remaining: 501, resetAt: new Date(Date.now() + 50 * MINUTE) });

    // A full hour: every unit goes to replica b.
    gh.setRateLimit({ resource: 'graphql', remaining: 5000, resetAt: new Date(Date.now() + 55 * MINUTE) });
    expect((await plan(0, 'b')).skipped).toEqual({});
    // Nothing left to spend (501 points, all reserve): b keeps what it read, the repos are unchanged.
    scarce();
    expect((await plan(1, 'b')).skipped).toEqual({});
    // b restarted under a new id, c: c has read nothing, every unit would be a read.
    scarce();
    expect((await plan(2, 'c')).skipped).toEqual(all);
    // Routed to this replica, which has read nothing either.
    scarce();
    const mine = await plan(3, 'a');
    expect(mine.skipped).toEqual(all);
    // Once this replica reads widgets' pulls, the next plan knows it is kept here.
    const widgets = mine.targets.find((t) => t.id === 'acme/widgets')!;
    await githubCollector.collect(
      unitContext({
        group: 'pulls',
        target: widgets,
        settings: s,
        asOf: mine.ctx.asOf,
        secrets: secretsWith(),
      }),
    );
    scarce();
    expect((await plan(4, 'a')).skipped).toEqual({ ...all, pulls: ['acme/empty'] });
  });
});
