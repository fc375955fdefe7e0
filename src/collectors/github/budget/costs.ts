/**
 * What each unit last cost when it read GitHub, per credentials, repo and group, in the worker's
 * memory: the budget planner's best estimate of what the unit will cost again (plan.ts).
 */
import { BoundedCache } from '../client/caches';

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

/** Notes a unit's spending; a unit that spent nothing (its read was kept, or 304s) changes nothing. */
export function noteUnitCost(
  scope: string,
  repo: string,
  group: string,
  cost: UnitCost,
  now = Date.now(),
): void {
  if (cost.core + cost.graphql === 0) return;
  costs.set(key(scope, repo, group), { core: cost.core, graphql: cost.graphql, readMs: now });
}

export function lastUnitCost(scope: string, repo: string, group: string): Kept | undefined {
  return costs.get(key(scope, repo, group));
}
