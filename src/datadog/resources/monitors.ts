/**
 * Datadog monitors generated from a collector's catalog and schedule: the health monitors every
 * collector gets (no data, repeated errors, a unit that stopped succeeding, points dropped, invalid
 * points), then the collector's own (src/collectors/<name>/monitors.ts). Every query names only
 * catalog metrics and tags, filtered to the deployment's `env`.
 *
 * Only the client's types are imported: the Datadog client must not load when the CLI starts.
 */
import type { v1 } from '@datadog/datadog-api-client';
import type { MonitorSpec } from '../../collectors/kit/monitor-spec';
import type { Collector } from '../../collectors/types';
import { parseSchedule, scheduleIntervalMs } from '../../time/schedule';

/** Every generated monitor carries it; `apply` touches only monitors with it and the deployment's tag. */
export const MANAGED_BY_TAG = 'managed-by:datadog-collectors';

/** The thresholds and routing of the generated monitors. */
export interface MonitorOptions {
  /** The deployment: its `deployment:<name>` tag, and the monitors' names. */
  readonly deployment: string;
  /** The Datadog `env` every query is filtered to. */
  readonly env: string;
  /** Notification handles (`@slack-ops`, `@pagerduty-collectors`) appended to every message. */
  readonly handles: readonly string[];
  /** Repeated errors: alert when every cycle of `cycles` cycles had more than `threshold` failed units. */
  readonly errors: { readonly threshold: number; readonly cycles: number };
  /** A unit stopped succeeding: its `group.success` was 0 in every cycle of this many. */
  readonly groupFailedCycles: number;
  /** Overrides of the collectors' own thresholds, by `<collector>.<monitor id>` (`github.rate-limit-low`). */
  readonly thresholds: Readonly<Record<string, number>>;
}

/** The defaults of everything but the deployment and env. */
export const DEFAULT_MONITOR_OPTIONS = {
  handles: [],
  // The design's "error_count > 5", over three cycles so that one bad cycle does not page.
  errors: { threshold: 5, cycles: 3 },
  groupFailedCycles: 2,
  thresholds: {},
} as const satisfies Omit<MonitorOptions, 'deployment' | 'env'>;

/** Options from the deployment and env, with the defaults for the rest. */
export function monitorOptions(
  args: Pick<MonitorOptions, 'deployment' | 'env'> & Partial<MonitorOptions>,
): MonitorOptions {
  return { ...DEFAULT_MONITOR_OPTIONS, ...args };
}

/**
 * A Datadog evaluation window (`last_30m`, `last_12h`) of whole minutes, at least one: hours when
 * they divide it.
 */
export function timeframe(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes % 60 === 0 ? `last_${minutes / 60}h` : `last_${minutes}m`;
}

/**
 * The monitors of one collector run on `schedule` (its default schedule when config sets none): the
 * health monitors, then `specs` (by default its own, from its folder's `monitors.ts`).
 */
export function collectorMonitors(
  collector: Pick<Collector, 'name' | 'catalog' | 'defaultSchedule' | 'monitors'>,
  options: MonitorOptions,
  schedule: string = collector.defaultSchedule,
  specs: readonly MonitorSpec[] = collector.monitors ?? [],
): v1.Monitor[] {
  const name = collector.name;
  // A cron's shortest gap between firings: the interval the engine's mode rule uses too. Measured
  // from a fixed instant so the monitors do not depend on when they are generated.
  const intervalMs = scheduleIntervalMs(parseSchedule(schedule), FIXED_FROM);
  const window = (cycles: number): string => timeframe(cycles * intervalMs);
  const scope = `{env:${options.env}}`;
  const health = (suffix: string): string => `collector.${name}.${suffix}`;
  const targetTags = Object.keys(collector.catalog.targetTags);
  const monitor = (
    title: string,
    query: string,
    threshold: number,
    text: string,
    extra: v1.MonitorOptions = {},
  ): v1.Monitor => ({
    name: `[${options.deployment}] ${name}: ${title}`,
    type: 'query alert',
    query,
    message: [text, ...(options.handles.length > 0 ? [options.handles.join(' ')] : [])].join('\n\n'),
    tags: [MANAGED_BY_TAG, `deployment:${options.deployment}`, `collector:${name}`],
    options: { thresholds: { critical: threshold }, includeTags: true, requireFullWindow: false, ...extra },
  });

  const noDataMs = 2 * intervalMs;
  const monitors: v1.Monitor[] = [
    monitor(
      `no data for ${window(2).slice('last_'.length)}`,
      // Never true: only the absence of data alerts.
      `max(${window(2)}):max:${health('metric_count')}${scope} < 0`,
      0,
      `No cycle of ${name} reported for two schedule intervals: check the worker and the schedule.`,
      { notifyNoData: true, noDataTimeframe: Math.max(1, Math.ceil(noDataMs / 60_000)) },
    ),
    monitor(
      `repeated errors`,
      `min(${window(options.errors.cycles)}):sum:${health('error_count')}${scope} > ${options.errors.threshold}`,
      options.errors.threshold,
      `Every cycle of ${name} in the last ${options.errors.cycles} had more than ${options.errors.threshold} failed units: see the cycle results in Temporal.`,
    ),
    monitor(
      `a unit stopped succeeding`,
      `max(${window(options.groupFailedCycles)}):min:${health('group.success')}${scope} by {${['group', ...targetTags].join(',')}} < 1`,
      1,
      `The unit {{group.name}} of ${name} failed in each of the last ${options.groupFailedCycles} cycles.`,
    ),
    monitor(
      `points dropped`,
      `max(${window(2)}):sum:${health('points_dropped')}${scope} > 0`,
      0,
      `A cycle of ${name} gave points up after its submission deadline: Datadog was unreachable too long.`,
    ),
    monitor(
      `invalid points`,
      `max(${window(2)}):sum:${health('invalid_points')}${scope} > 0`,
      0,
      `A cycle of ${name} produced points its catalog refuses: a collector bug to fix.`,
    ),
  ];
  for (const spec of specs) {
    const threshold = options.thresholds[`${name}.${spec.id}`] ?? spec.defaultThreshold;
    const filters = Object.entries(spec.filter ?? {})
      .map(([k, v]) => `,${k}:${v}`)
      .join('');
    const by = spec.by.length > 0 ? ` by {${spec.by.join(',')}}` : '';
    monitors.push(
      monitor(
        spec.title,
        `${spec.reduce}(${window(spec.cycles)}):${spec.combine}:${spec.metric}{env:${options.env}${filters}}${by} ${spec.comparator} ${threshold}`,
        threshold,
        spec.message,
      ),
    );
  }
  return monitors;
}

const FIXED_FROM = new Date(Date.UTC(2026, 0, 5));
