/** What every phase of the ops bench works with, and small helpers they share. */
import type { Client } from '@temporalio/client';
import type { OpsDeployment } from './deployment';
import type { OpsIntake } from './intake';
import { iso, slotGrid, type SlotLedger, type SlotStatus } from './slots';

export interface OpsContext {
  readonly client: Client;
  readonly deployment: OpsDeployment;
  readonly taskQueue: string;
  readonly intake: OpsIntake;
  /** The live collector's slots. */
  readonly live: SlotLedger;
  readonly intervalSeconds: number;
  /** The worker's log lines and the SDK's warnings, by message. */
  readonly logCounts: Map<string, number>;
}

export interface Percentiles {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** Median (mean of the middle two for an even count), nearest-rank p90, min and max. */
export function percentiles(values: readonly number[]): Percentiles | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return {
    n: s.length,
    median,
    p90: s[Math.ceil(0.9 * s.length) - 1]!,
    min: s[0]!,
    max: s[s.length - 1]!,
  };
}

export interface SlotLatency {
  readonly slot: string;
  /** From the slot's nominal time to the first arrival of its last expected series. */
  readonly latencyMs?: number;
}

export function slotLatencies(statuses: readonly SlotStatus[]): SlotLatency[] {
  return statuses.map((s) => ({
    slot: iso(s.slot),
    ...(s.completeMs !== undefined ? { latencyMs: s.completeMs - s.slot * 1000 } : {}),
  }));
}

/** The live slots whose nominal time lies in [fromMs, toMs]. */
export function slotsBetween(fromMs: number, toMs: number, intervalSeconds: number): number[] {
  const first = Math.ceil(fromMs / 1000 / intervalSeconds) * intervalSeconds;
  const last = Math.floor(toMs / 1000 / intervalSeconds) * intervalSeconds;
  return slotGrid(first, last, intervalSeconds);
}

export function count(counts: Map<string, number>, message: string): number {
  return counts.get(message) ?? 0;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
