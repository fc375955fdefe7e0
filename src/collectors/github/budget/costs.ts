/**
 * What each unit last cost when it read GitHub, per credentials, repo and group, in the worker's
 * memory: the budget planner's best estimate of what the unit will cost again (plan.ts). And what
 * first reads cost here, by group and repository activity: its estimate for a repo never read.
 */
import { BoundedCache } from '../client/caches';
import type { RepoFingerprint } from '../changes/fingerprints';

export interface UnitCost {
  /** Rate-limited REST requests. */
  readonly core: number;
  /** GraphQL points. */
  readonly graphql: number;
}

interface Kept extends UnitCost {
  /** When it last read, epoch ms. */
  readonly readMs: number;
}

/** 1 MiB: about 10,000 units. */
const costs = BoundedCache.shared<Kept>(1024 * 1024);

const key = (scope: string, repo: string, group: string) => `${scope} ${repo} ${group}`;

/** Whether a repo had a push or a PR update since `sinceMs`, from its fingerprint (none: counted active). */
export type Activity = 'active' | 'quiet';

export function activityOf(fingerprint: RepoFingerprint | undefined, sinceMs: number): Activity {
  if (!fingerprint) return 'active';
  const recent = [fingerprint.pushedAt, fingerprint.pullUpdatedAt].some(
    (t) => t !== null && Date.parse(t) > sinceMs,
  );
  return recent ? 'active' : 'quiet';
}

interface Sum {
  n: number;
  core: number;
  graphql: number;
}

/** First reads' costs summed by credentials, activity and group (a few dozen entries). */
const firstReads = new Map<string, Sum>();

/** Reads seen before a class's mean replaces the static first estimate. */
export const FIRST_READS_TO_LEARN = 5;

/**
 * Notes a unit's spending; a unit that spent nothing (its read was kept, or 304s) changes nothing.
 * With `activity`, a unit's first read here also counts towards its class's first-read mean.
 */
export function noteUnitCost(
  scope: string,
  repo: string,
  group: string,
  cost: UnitCost,
  now = Date.now(),
  activity?: Activity,
): void {
  if (cost.core + cost.graphql === 0) return;
  const k = key(scope, repo, group);
  if (activity && costs.get(k) === undefined) {
    const classKey = `${scope} ${activity} ${group}`;
    const sum = firstReads.get(classKey) ?? { n: 0, core: 0, graphql: 0 };
    firstReads.set(classKey, {
      n: sum.n + 1,
      core: sum.core + cost.core,
      graphql: sum.graphql + cost.graphql,
    });
  }
  costs.set(k, { core: cost.core, graphql: cost.graphql, readMs: now });
}

/** The mean first read of the class here, once FIRST_READS_TO_LEARN were seen. */
export function firstReadCost(scope: string, activity: Activity, group: string): UnitCost | undefined {
  const sum = firstReads.get(`${scope} ${activity} ${group}`);
  if (!sum || sum.n < FIRST_READS_TO_LEARN) return undefined;
  return { core: Math.ceil(sum.core / sum.n), graphql: Math.ceil(sum.graphql / sum.n) };
}

/** Forgets the first-read means (tests). */
export function forgetFirstReads(): void {
  firstReads.clear();
}

export function lastUnitCost(scope: string, repo: string, group: string): Kept | undefined {
  return costs.get(key(scope, repo, group));
}
