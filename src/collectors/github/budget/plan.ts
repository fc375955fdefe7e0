/**
 * The rate budget planner (`skipUnits`): when what is left of the token cannot cover a cycle's units
 * before the bucket refills, the cycle spends its share on the groups in priority order and leaves
 * the rest out, reported as skipped (never as failures, never as zeros).
 *
 * - What is left: each bucket (REST `core`, `graphql`) as this worker last saw it in GitHub's headers
 *   (seen.ts), with no request of its own; a planner that has not seen one yet (a replica that has
 *   just started, the first cycle) asks `GET /rate_limit`, which is free. A share of the limit
 *   (`options.budgetReserve`) stays for the token's other uses.
 * - The cycle's share: what is left, spread evenly over the cycles until the refill (at most
 *   MAX_SPREAD), so that a cold start (every repo read for the first time) takes about an hour of a
 *   15-minute schedule instead of the token; and never more than an even part of a full hour (a
 *   quarter for a 15-minute schedule), so what a cycle leaves unspent does not pile onto the next. A unit larger than a whole share still goes when it is
 *   the first of its cycle to spend and what is left covers it, so that no unit waits forever.
 * - What a unit costs: nothing for `api` (`GET /rate_limit` is free), or when the replica it runs on
 *   keeps its read and the repo has not changed. Which replica that is: with routes (the cycle sends
 *   a repo's units to one replica, src/engine/routing.ts), this worker knows its own memory exactly
 *   (../changes/knowledge.ts), and for a repo routed to another replica it knows that a plan of its
 *   own let the unit run there and the repo has not changed since; without routes, either will do.
 *   Else, for a unit read before where it runs: what it cost when this worker last re-read it, else
 *   this worker's mean re-read of its group and repository activity (costs.ts), else its own last
 *   read; for one never read there: the mean first read of that class, or, until this worker has
 *   seen a few, COLD.
 * - Order: units that cost nothing always run; then the groups in `options.groupPriority`, and within
 *   a group the repos this worker read longest ago first (never read first, in an order that changes
 *   from slot to slot), so that a repo left out now goes first next time.
 */
import { createHash } from 'node:crypto';
import { WEEK_MS, windowEnding } from '../../kit/window';
import type { PlanContext, PlannedUnit, SkippedUnit } from '../../types';
import { changed, type RepoFingerprint } from '../changes/fingerprints';
import { BoundedCache } from '../client/caches';
import { fingerprintOf, KEPT_GROUPS, keptFor } from '../changes/knowledge';
import { readRateLimit } from '../api/rate-limit';
import { createGithubClient, type GithubClient } from '../client/create';
import type { Resource } from '../client/usage';
import type { GithubSettings } from '../settings';
import { activityOf, classReadCost, lastUnitCost, type UnitCost } from './costs';
import { bucketsSeen, noteBucket, type BucketSeen } from './seen';

/**
 * A first read's cost by group (README, "Rate limits"): a repo with a push or a PR update in the
 * last 7 days, measured on the generated busy repo cold; a quiet one, one page of each listing.
 */
export const COLD: Readonly<Record<'active' | 'quiet', Readonly<Record<string, UnitCost>>>> = {
  active: {
    pulls: { core: 0, graphql: 60 },
    commits: { core: 3, graphql: 2 },
    ci: { core: 18, graphql: 0 },
    branches: { core: 0, graphql: 2 },
  },
  quiet: {
    pulls: { core: 0, graphql: 1 },
    commits: { core: 0, graphql: 1 },
    ci: { core: 3, graphql: 0 },
    branches: { core: 0, graphql: 1 },
  },
};

const FREE: UnitCost = { core: 0, graphql: 0 };
const HOUR_MS = 3_600_000;
/**
 * A cold start's reads are spread over at most this many cycles: an hour of a 15-minute schedule. A
 * shorter schedule is not spread thinner, or the first cycles' shares would be too small for a busy
 * repository's first read; later cycles cost little (kept reads).
 */
const MAX_SPREAD = 4;

export interface Priced {
  readonly unit: PlannedUnit;
  readonly cost: UnitCost;
  /** When this worker last read it, epoch ms; -Infinity for never. */
  readonly readMs: number;
}

export async function githubSkipUnits(
  ctx: PlanContext<GithubSettings>,
  units: readonly PlannedUnit[],
): Promise<SkippedUnit[]> {
  if (!ctx.settings.options.planBudget) return [];
  const client = await createGithubClient(ctx);
  const { cacheScope } = client;
  const window = windowEnding(ctx.asOf, WEEK_MS);
  const routes = ctx.routes;
  const priced = units.map((unit): Priced => {
    const repo = unit.target.id;
    const fingerprint = fingerprintOf(unit.target);
    const last = lastUnitCost(cacheScope, repo, unit.group);
    const readMs = last?.readMs ?? -Infinity;
    if (unit.group === 'api') return { unit, cost: FREE, readMs };
    const replica = routes?.replicaOf(repo);
    const kept =
      (replica === undefined || replica === routes?.self) &&
      fingerprint !== undefined &&
      KEPT_GROUPS.has(unit.group) &&
      keptFor({
        scope: cacheScope,
        repo,
        group: unit.group,
        since: window.start.getTime(),
        asOf: window.end.getTime(),
        fingerprint,
      }) !== undefined;
    const elsewhere = replica === undefined || replica !== routes?.self;
    if (kept || (elsewhere && unchangedSinceLetRun(cacheScope, unit, fingerprint, replica)))
      return { unit, cost: FREE, readMs };
    const activity = activityOf(fingerprint, window.start.getTime());
    const first =
      classReadCost(cacheScope, 'first', activity, unit.group) ?? COLD[activity][unit.group] ?? FREE;
    // Read before where it runs: this worker's own read, or a plan of this worker let it run there.
    const readBefore =
      elsewhere && replica !== undefined ? letRunOn(cacheScope, unit, replica) : last !== undefined;
    if (!readBefore) return { unit, cost: first, readMs };
    const again = classReadCost(cacheScope, 'again', activity, unit.group);
    const cost = last && (last.reads > 1 || again === undefined) ? last : (again ?? first);
    return { unit, cost, readMs };
  });
  const skipped = planBudget(priced, {
    buckets: await bucketsSeenOrAsked(client, ctx.log),
    now: Date.now(),
    intervalMs: ctx.intervalMs ?? 15 * 60_000,
    reserve: ctx.settings.options.budgetReserve,
    priority: ctx.settings.options.groupPriority,
    slot: ctx.asOf.toISOString(),
  });
  const left = new Set(skipped.map((u) => `${u.group} ${u.target}`));
  for (const { unit } of priced) {
    const fingerprint = fingerprintOf(unit.target);
    if (fingerprint && unit.group !== 'api' && !left.has(`${unit.group} ${unit.target.id}`)) {
      const replica = routes?.replicaOf(unit.target.id);
      letRun.set(`${cacheScope} ${unit.target.id} ${unit.group}`, {
        fingerprint,
        ...(replica !== undefined ? { replica } : {}),
      });
    }
  }
  return skipped;
}

/**
 * The fingerprint of each unit a plan of this worker let run, and the replica it was routed to: that
 * replica read it then and keeps it while the repo does not change. The plan cannot see the other
 * replicas' memory, so a unit whose repo has not changed since a plan let it run there is priced as
 * free. A replica that restarts comes back under a new id, so what was let run on the old one is
 * priced again. Unrouted, a unit can land on a replica that has not read it: that read shows in the
 * buckets the next plan sees.
 */
const letRun = BoundedCache.shared<{ fingerprint: RepoFingerprint; replica?: string }>(4 * 1024 * 1024);

/** A plan of this worker let the unit run on `replica` (it has read the repo there since, unless it failed). */
function letRunOn(scope: string, unit: PlannedUnit, replica: string): boolean {
  return letRun.get(`${scope} ${unit.target.id} ${unit.group}`)?.replica === replica;
}

/** Unchanged since a plan let it run, on `replica` when the cycle routes (any replica otherwise). */
function unchangedSinceLetRun(
  scope: string,
  unit: PlannedUnit,
  fingerprint: RepoFingerprint | undefined,
  replica: string | undefined,
): boolean {
  if (!fingerprint || !KEPT_GROUPS.has(unit.group)) return false;
  const before = letRun.get(`${scope} ${unit.target.id} ${unit.group}`);
  if (before === undefined || changed(before.fingerprint, fingerprint)) return false;
  return replica === undefined || before.replica === replica;
}

/**
 * The buckets this worker saw; the ones it has not, from `GET /rate_limit` (free). Unanswered, a
 * bucket not seen does not limit this cycle: the units' answers will tell the next one.
 */
async function bucketsSeenOrAsked(
  client: GithubClient,
  log: PlanContext['log'],
): Promise<Partial<Record<Resource, BucketSeen>>> {
  const seen = bucketsSeen(client.cacheScope);
  if (RESOURCES.every((r) => seen[r])) return seen;
  const asked = await readRateLimit(client).catch((err: unknown) => {
    log.warn('github: GET /rate_limit failed: the buckets not seen yet do not limit this cycle', {
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  });
  if (!asked) return seen;
  for (const r of RESOURCES) {
    const bucket = asked[r];
    if (bucket && !seen[r]) {
      noteBucket(client.cacheScope, r, {
        'x-ratelimit-limit': bucket.limit,
        'x-ratelimit-remaining': bucket.remaining,
        'x-ratelimit-reset': bucket.reset,
      });
    }
  }
  return bucketsSeen(client.cacheScope);
}

export interface BudgetInput {
  readonly buckets: Partial<Record<Resource, BucketSeen>>;
  readonly now: number;
  readonly intervalMs: number;
  /** The share of each bucket's limit left for the token's other uses (0–0.5). */
  readonly reserve: number;
  readonly priority: readonly string[];
  /** Orders never-read repos differently from slot to slot. */
  readonly slot: string;
}

/** The units the cycle's share of each bucket cannot cover, by priority (pure: tests give it all). */
export function planBudget(priced: readonly Priced[], input: BudgetInput): SkippedUnit[] {
  const shares = {
    core: share(input.buckets.core, input),
    graphql: share(input.buckets.graphql, input),
  };
  const left = { core: shares.core.allowance, graphql: shares.graphql.allowance };
  const rank = (group: string) => {
    const i = input.priority.indexOf(group);
    return i < 0 ? input.priority.length : i;
  };
  const tie = (id: string) => createHash('sha256').update(`${input.slot} ${id}`).digest('hex');
  const ordered = [...priced].sort(
    (a, b) =>
      rank(a.unit.group) - rank(b.unit.group) ||
      a.readMs - b.readMs ||
      tie(a.unit.target.id).localeCompare(tie(b.unit.target.id)),
  );
  const skipped: SkippedUnit[] = [];
  const spent = { core: 0, graphql: 0 };
  for (const { unit, cost } of ordered) {
    const short = RESOURCES.find(
      (r) => cost[r] > left[r] && !(spent[r] === 0 && cost[r] <= shares[r].usable),
    );
    if (short === undefined) {
      for (const r of RESOURCES) {
        left[r] -= cost[r];
        spent[r] += cost[r];
      }
      continue;
    }
    skipped.push({ group: unit.group, target: unit.target.id, reason: shares[short].reason });
  }
  return skipped;
}

const RESOURCES = ['core', 'graphql'] as const;

function share(
  bucket: BucketSeen | undefined,
  input: BudgetInput,
): { allowance: number; usable: number; reason: string } {
  if (!bucket) return { allowance: Infinity, usable: Infinity, reason: '' };
  // A bucket whose reset has passed has refilled.
  const refilled = bucket.resetMs <= input.now;
  const remaining = refilled ? bucket.limit : bucket.remaining;
  const resetMs = refilled ? input.now + HOUR_MS : bucket.resetMs;
  const cycles = Math.min(MAX_SPREAD, Math.max(1, Math.ceil((resetMs - input.now) / input.intervalMs)));
  const reserved = Math.ceil(bucket.limit * input.reserve);
  const usable = Math.max(0, remaining - reserved);
  // No cycle spends more than its even part of a full hour, even when much is left before the
  // refill: what one cycle leaves is not piled onto the next.
  const perHour = Math.min(MAX_SPREAD, Math.max(1, Math.round(HOUR_MS / input.intervalMs)));
  const even = Math.floor((bucket.limit - reserved) / perHour);
  const spread = Math.floor(usable / cycles);
  const allowance = Math.min(spread, even);
  const reset = new Date(resetMs).toISOString().slice(11, 16);
  const why =
    spread <= even
      ? `spread over ${cycles} cycle(s)`
      : `at most 1/${perHour} of the hour's ${bucket.limit - reserved} a cycle`;
  return {
    allowance,
    usable,
    reason:
      `the token's share for this cycle (${allowance} of the ${remaining} left until ${reset} UTC, ` +
      `${why}) went to units of higher priority`,
  };
}
