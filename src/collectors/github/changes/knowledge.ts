/**
 * What a worker read of a repo in an earlier cycle, kept with the repo's fingerprint at the time, so
 * that a unit of an unchanged repo recomputes its moving 7-day windows from it instead of reading
 * the repo again. In the worker's memory, like the ETag cache (../client/caches.ts): each replica
 * learns what it reads, a restart starts cold, and nothing here changes a value, only its cost.
 *
 * Why a kept read still holds: the fingerprint a cycle's plan reads (fingerprints.ts) moves whenever
 * anything the pulls, commits and branches groups read moves. A read is kept with the fingerprint
 * read before it, never after: a change between the two moves the next fingerprint, so the next
 * cycle reads again. A kept read serves a later slot only: its lists reach from its window's start
 * to the time it was made (a commit list is then read without an upper bound), so they hold every
 * event of any later window of the same length, and the computations filter them by the window.
 */
import { BoundedCache } from '../client/caches';
import type { GroupRun } from '../group-run';
import type { Target } from '../../types';
import { changed, type RepoFingerprint } from './fingerprints';

/** The groups whose units keep their read here (keptOrRead): a read of theirs that cost nothing was kept. */
export const KEPT_GROUPS: ReadonlySet<string> = new Set(['pulls', 'commits', 'branches']);

interface Kept {
  readonly fingerprint: RepoFingerprint;
  /** The window start and end (asOf) of the cycle that read it, epoch ms. */
  readonly since: number;
  readonly asOf: number;
  readonly data: unknown;
}

/** 128 MiB: a busy repo's lists take about 1 MiB, a quiet one's a few KiB. */
export const processKnowledge = BoundedCache.shared<Kept>(128 * 1024 * 1024);

/** The fingerprint the plan read for a target; none for a backfill or with changeDetection off. */
export function fingerprintOf(target: Target): RepoFingerprint | undefined {
  return target.observed?.fingerprint as RepoFingerprint | undefined;
}

/** The fingerprint the plan read for the unit's repo. */
export function plannedFingerprint(unit: GroupRun): RepoFingerprint | undefined {
  return fingerprintOf(unit.ctx.target);
}

/** Where a unit's read is kept: per credentials, repo and group. */
export interface KeptRead {
  readonly scope: string;
  readonly repo: string;
  readonly group: string;
  /** The unit's window, epoch ms. */
  readonly since: number;
  readonly asOf: number;
  readonly fingerprint: RepoFingerprint;
}

const keyOf = (k: KeptRead) => `${k.scope} ${k.repo} ${k.group}`;

/** What this worker kept that still holds for the unit, if anything. */
export function keptFor(k: KeptRead): unknown {
  const kept = processKnowledge.get(keyOf(k));
  const holds =
    kept !== undefined &&
    !changed(kept.fingerprint, k.fingerprint) &&
    kept.since <= k.since &&
    kept.asOf <= k.asOf;
  return holds ? kept.data : undefined;
}

/** Where the unit's read (or a `part` of what it learns) is kept; none without a plan's fingerprint. */
function keptReadOf(unit: GroupRun, part?: string): KeptRead | undefined {
  const fingerprint = plannedFingerprint(unit);
  if (!fingerprint) return undefined;
  return {
    scope: unit.client.cacheScope,
    repo: unit.repo.fullName,
    group: part === undefined ? unit.ctx.group : `${unit.ctx.group} ${part}`,
    since: unit.window.start.getTime(),
    asOf: unit.window.end.getTime(),
    fingerprint,
  };
}

function keep(k: KeptRead, data: unknown): void {
  processKnowledge.set(keyOf(k), { fingerprint: k.fingerprint, since: k.since, asOf: k.asOf, data });
}

/**
 * What `read` returns for the unit, from this worker's memory when the repo has not changed since it
 * last read it for a window of this group, else read now (and kept when the plan fingerprinted the repo).
 */
export async function keptOrRead<T>(unit: GroupRun, read: () => Promise<T>): Promise<T> {
  const k = keptReadOf(unit);
  if (!k) return read();
  const kept = keptFor(k);
  if (kept !== undefined) {
    unit.ctx.log.debug('github: unchanged since the last read, recomputed from it');
    return kept as T;
  }
  const data = await read();
  keep(k, data);
  return data;
}

/**
 * Facts about the unit's repo that hold while its fingerprint does not move, e.g. that it has no
 * workflow file of a configured name, or the id of the workflow of a name (adding, removing or
 * renaming one is a push). Noted for later slots of this worker.
 */
export interface RepoFacts {
  /** What was noted of the fact (`true` for a plain fact), if it still holds. */
  known(fact: string): unknown;
  note(fact: string, value?: unknown): void;
}

export function repoFacts(unit: GroupRun): RepoFacts {
  return {
    known: (fact) => {
      const k = keptReadOf(unit, fact);
      return k === undefined ? undefined : keptFor(k);
    },
    note: (fact, value = true) => {
      const k = keptReadOf(unit, fact);
      if (k) keep(k, value);
    },
  };
}
