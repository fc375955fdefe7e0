/**
 * Target affinity (docs/design.md#target-affinity). A collector whose units keep what they read in
 * the worker's memory (`routeByTarget`, e.g. GitHub's kept reads and ETags) has every unit of one
 * target run on the same replica, so that each target is read cold once per replica lifetime rather
 * than once per replica.
 *
 * - Every worker process is a replica with an id (its Temporal identity): a name and when the
 *   process started. Besides the collector's shared unit queue, it polls a queue of its own, named
 *   after the replica's name (`replicaQueue`). The name outlives the process where the deployment
 *   keeps it (a container restarted in its pod keeps its hostname and pid, or `COLLECTORS_REPLICA`
 *   sets it): the restarted replica gets its own targets back, and every other replica keeps its own.
 * - The plan lists the replicas polling the shared queue now (`liveReplicas`) and gives each target
 *   to one of them by rendezvous hashing of their names (`replicaFor`): when a replica joins or
 *   leaves, only the targets it wins or held move, and every other target stays where its reads are
 *   kept.
 * - A unit that no replica takes from its replica's queue within `cycle.replicaWait` (the replica
 *   died after the plan saw it) runs on the shared queue, where any replica takes it.
 * - One replica plans the collector's cycles (`plannerOf`), so what a planner remembers between
 *   cycles covers them all.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/** The queue only the replica of this id (or name) polls for the units of the collector whose shared queue is `unitQueue`. */
export function replicaQueue(unitQueue: string, replica: string): string {
  return `${unitQueue}/${replicaName(replica)}`;
}

/** A replica id's name: `41@pod-a` of `41@pod-a~m1x2y3z4`. */
export function replicaName(id: string): string {
  return idParts(id).name;
}

/** `<name>~<start>`: the name, and the start as written (base 36), if there is one. */
function idParts(id: string): { name: string; stamp?: string } {
  const at = id.lastIndexOf('~');
  return at < 0 ? { name: id } : { name: id.slice(0, at), stamp: id.slice(at + 1) };
}

const STARTED = Date.now();

/**
 * This process's replica id, also its workers' Temporal identity: its name (`COLLECTORS_REPLICA`,
 * else the SDK's own form, `pid@host`) and when the process started (`~` and epoch ms in base 36),
 * which tells a restarted replica from the one before it and which `plannerOf` orders by.
 */
export function processReplicaId(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.COLLECTORS_REPLICA?.trim() || `${process.pid}@${hostname()}`;
  if (/[~\s]/.test(name)) {
    throw new Error(
      `COLLECTORS_REPLICA must not contain "~" or spaces (got "${name}"): name the replica anew`,
    );
  }
  return `${name}~${STARTED.toString(36)}`;
}

/** When the replica of this id started, epoch ms; Infinity for an id without a start. */
function startOf(id: string): number {
  const { stamp } = idParts(id);
  const ms = stamp !== undefined && /^[0-9a-z]+$/.test(stamp) ? parseInt(stamp, 36) : NaN;
  return Number.isFinite(ms) ? ms : Infinity;
}

/**
 * The replica that plans a routed collector's cycles: the one that started first (its memory of
 * earlier plans is the longest, and a replica that restarts does not take the role from it); ids
 * without a start time come after, by name.
 */
export function plannerOf(replicas: readonly string[]): string | undefined {
  return [...replicas].sort((a, b) => startOf(a) - startOf(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
}

/**
 * A live poller long-polls for at most a minute (the server's poll expiry) and polls again at once,
 * so it was seen within this; an older one has stopped.
 */
export const POLLER_SEEN_WITHIN_MS = 75_000;

export interface Poller {
  readonly identity: string;
  /** When the server last saw it poll, epoch ms. */
  readonly lastAccessMs: number;
}

/**
 * The ids of the replicas polling now, sorted, one per name: a replica that restarted a moment ago
 * can still be listed as it was before, and the latest start is the one that polls.
 */
export function liveReplicas(pollers: readonly Poller[], nowMs: number): string[] {
  const byName = new Map<string, string>();
  for (const p of pollers) {
    if (p.identity === '' || nowMs - p.lastAccessMs > POLLER_SEEN_WITHIN_MS) continue;
    const name = replicaName(p.identity);
    const known = byName.get(name);
    if (known === undefined || startOf(p.identity) > startOf(known)) byName.set(name, p.identity);
  }
  return [...byName.values()].sort();
}

/**
 * The replica a target's units run on: the highest score of (replica name, target), stable while
 * both live and across restarts that keep the name.
 */
export function replicaFor(target: string, replicas: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = '';
  for (const replica of replicas) {
    const score = createHash('sha256')
      .update(`${replicaName(replica)}\u0000${target}`)
      .digest('hex');
    if (best === undefined || score > bestScore) {
      best = replica;
      bestScore = score;
    }
  }
  return best;
}
