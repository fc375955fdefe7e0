/**
 * The ops bench's view of the loopback Datadog intake (src/fakes/datadog): for each series and
 * timestamp, when it first arrived, how often it arrived and its value; the health points in order;
 * POSTs by status. `setDown(true)` answers 503 to every POST until `setDown(false)`.
 */
import { startFakeIntake } from '../../src/fakes/datadog/intake';

/** A series at one timestamp, as the intake saw it. */
export interface Arrival {
  /** `Date.now()` when it first arrived. */
  readonly firstMs: number;
  /** Times it arrived (a retried submission may send it again: Datadog keeps the last value). */
  count: number;
  /** The last value received. */
  value: number;
  /** True when two arrivals carried different values (never expected). */
  conflicting: boolean;
}

/** A point as it arrived, kept for the health series (few, and read in full). */
export interface ArrivedPoint {
  readonly metric: string;
  readonly tags: readonly string[];
  readonly timestamp: number;
  readonly value: number;
  readonly arrivedMs: number;
}

export interface OpsIntake {
  readonly url: string;
  readonly apiKey: string;
  /** By `seriesKey(metric, tags, timestamp)`. */
  readonly arrivals: ReadonlyMap<string, Arrival>;
  /** Every point of a `collector.*` series (the health metrics), in order. */
  readonly health: readonly ArrivedPoint[];
  /** POSTs by the status they were answered with. */
  readonly posts: Readonly<Record<number, number>>;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** The identity of a series at a timestamp: the metric, its tags (any order) and the timestamp. */
export function seriesKey(metric: string, tags: readonly string[], timestamp: number): string {
  return `${timestamp}|${metric}|${[...tags].sort().join(',')}`;
}

export async function startOpsIntake(apiKey = 'ops-bench-dd-api-key-0123456789'): Promise<OpsIntake> {
  const arrivals = new Map<string, Arrival>();
  const health: ArrivedPoint[] = [];
  const intake = await startFakeIntake({
    apiKey,
    onAccepted: (series, now) => {
      for (const s of series) {
        const tags = s.tags ?? [];
        for (const p of s.points) {
          if (s.metric.startsWith('collector.')) {
            health.push({ metric: s.metric, tags, timestamp: p.timestamp, value: p.value, arrivedMs: now });
          }
          const key = seriesKey(s.metric, tags, p.timestamp);
          const seen = arrivals.get(key);
          if (!seen) arrivals.set(key, { firstMs: now, count: 1, value: p.value, conflicting: false });
          else {
            seen.count++;
            seen.conflicting ||= seen.value !== p.value;
            seen.value = p.value;
          }
        }
      }
    },
  });
  return {
    url: intake.url,
    apiKey,
    arrivals,
    health,
    get posts() {
      const byStatus: Record<number, number> = {};
      for (const r of intake.requests)
        if (r.method === 'POST') byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return byStatus;
    },
    setDown: (down) => intake.setDown(down),
    close: () => intake.close(),
  };
}
