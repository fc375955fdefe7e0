/**
 * What each unit last cost when it read GitHub, per credentials, repo and group, in the worker's
 * memory: the budget planner's best estimate of what the unit will cost again (plan.ts). And what
 * reads cost here by group and repository activity, first reads and re-reads apart: a re-read after
 * a change costs far less than a first read (ETags, kept PR comments), so neither stands for the other.
 */
import { BoundedCache } from '../client/caches';
import type { RepoFingerprint } from '../changes/fingerprints';
import { KEPT_GROUPS } from '../changes/knowledge';

export interface UnitCost {
  /** Rate-limited REST requests. */
  readonly core: number;
  /** GraphQL points. */
  readonly graphql: number;
}

interface Kept extends UnitCost {
  /** When it last read, epoch ms. */
  readonly readMs: number;
  /** Reads of it noted here: its last cost is a first read's when 1, a re-read's after. */
  readonly reads: number;
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

/** Reads' costs summed by credentials, first or again, activity and group (a few dozen entries). */
const classReads = new Map<string, Sum>();

type ReadKind = 'first' | 'again';
const classKey = (scope: string, kind: ReadKind, activity: Activity, group: string) =>
  `${scope} ${kind} ${activity} ${group}`;

/** Reads of a class seen before its mean is used (until then: the unit's own cost, or the static first estimate). */
export const READS_TO_LEARN = 5;

/**
 * Notes a unit's spending. A read of a group that keeps its reads which cost nothing was served from
 * memory and says nothing of what reading costs: it changes nothing. Any other read counts, free
 * ones too (ci's 304s: its next read likely costs nothing either). With `activity`, the read also
 * counts towards its class's mean, as a first read or a re-read.
 */
export function noteUnitCost(
  scope: string,
  repo: string,
  group: string,
  cost: UnitCost,
  now = Date.now(),
  activity?: Activity,
): void {
  if (cost.core + cost.graphql === 0 && KEPT_GROUPS.has(group)) return;
  const k = key(scope, repo, group);
  const before = costs.get(k);
  if (activity) {
    const ck = classKey(scope, before ? 'again' : 'first', activity, group);
    const sum = classReads.get(ck) ?? { n: 0, core: 0, graphql: 0 };
    classReads.set(ck, { n: sum.n + 1, core: sum.core + cost.core, graphql: sum.graphql + cost.graphql });
  }
  costs.set(k, { core: cost.core, graphql: cost.graphql, readMs: now, reads: (before?.reads ?? 0) + 1 });
}

export function lastUnitCost(scope: string, repo: string, group: string): Kept | undefined {
  return costs.get(key(scope, repo, group));
}

/** The mean read of the class here, once READS_TO_LEARN were seen. */
export function classReadCost(
  scope: string,
  kind: ReadKind,
  activity: Activity,
  group: string,
): UnitCost | undefined {
  const sum = classReads.get(classKey(scope, kind, activity, group));
  if (!sum || sum.n < READS_TO_LEARN) return undefined;
  return { core: sum.core / sum.n, graphql: sum.graphql / sum.n };
}

/** Forgets the class means (tests). */
export function forgetClassReads(): void {
  classReads.clear();
}
