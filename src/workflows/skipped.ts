/**
 * The units a cycle leaves out (the collector's `skipUnits`), in the compact form the plan and the
 * cycle result carry: per group and reason, the target ids. Pure code, for the workflow and for
 * `collectors collect` alike.
 */
import type { SkippedUnit } from '../collectors/types';
import type { SkippedUnits } from './types';

/** Skipped units grouped by group and reason, in the order each pair first appears. */
export function compactSkipped(units: readonly SkippedUnit[]): SkippedUnits[] {
  const byKey = new Map<string, { group: string; reason: string; targets: string[] }>();
  for (const u of units) {
    const key = `${u.group}\u0000${u.reason}`;
    const entry = byKey.get(key) ?? { group: u.group, reason: u.reason, targets: [] };
    entry.targets.push(u.target);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** `group\0target` of every skipped unit. */
export function skippedKeys(skipped: readonly SkippedUnits[] | undefined): Set<string> {
  return new Set((skipped ?? []).flatMap((s) => s.targets.map((t) => `${s.group}\u0000${t}`)));
}

/** How many units were skipped. */
export function skippedCount(skipped: readonly SkippedUnits[] | undefined): number {
  return (skipped ?? []).reduce((n, s) => n + s.targets.length, 0);
}

/** Skipped units by reason (every group), with counts: the lines `collectors collect` prints. */
export function skippedByReason(skipped: readonly SkippedUnits[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of skipped ?? []) out.set(s.reason, (out.get(s.reason) ?? 0) + s.targets.length);
  return out;
}

/**
 * The skipped units of `group` among `targets`, for a roll-up: how many, and why (each reason once).
 * Zero when none of them was skipped.
 */
export function skippedAmong(
  skipped: readonly SkippedUnits[] | undefined,
  group: string,
  targets: readonly string[],
): { readonly count: number; readonly reasons: string[] } {
  const ids = new Set(targets);
  let count = 0;
  const reasons: string[] = [];
  for (const s of skipped ?? []) {
    if (s.group !== group) continue;
    const n = s.targets.filter((t) => ids.has(t)).length;
    if (n === 0) continue;
    count += n;
    if (!reasons.includes(s.reason)) reasons.push(s.reason);
  }
  return { count, reasons };
}
