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
import type { HealthMonitorId } from '../../config/datadog-resources';
import { parseSchedule, scheduleIntervalMs } from '../../time/schedule';

/** Every generated monitor carries it; `apply` touches only monitors with it and the deployment's tag. */
export const MANAGED_BY_TAG = 'managed-by:datadog-collectors';

/** The tag naming a generated monitor's key (`monitor:github.no-data`): how `apply` matches it to what exists. */
export const MONITOR_KEY_TAG = 'monitor';

/** A generated monitor and its key, `<collector>.<monitor id>` (`github.rate-limit-low`). */
export interface KeyedMonitor {
  readonly key: string;
  readonly body: v1.Monitor;
}

/** The thresholds and routing of the generated monitors. */
export interface MonitorOptions {
  /** The deployment: its `deployment:<name>` tag, and the monitors' names. */
  readonly deployment: string;
  /** The Datadog `env` every query is filtered to. */
  readonly env: string;
  /** Notification handles (`@slack-ops`, `@pagerduty-collectors`) appended to every message. */
  readonly notify: readonly string[];
  /** Repeated errors: alert when every cycle of `cycles` cycles had more than `threshold` failed units. */
  readonly errors: { readonly threshold: number; readonly cycles: number };
  /** A unit stopped succeeding: its `group.success` was 0 in every cycle of this many. */
  readonly unitFailedCycles: number;
  /** Overrides of the collectors' own thresholds, by `<collector>.<monitor id>` (`github.rate-limit-low`). */
  readonly thresholds: Readonly<Record<string, number>>;
}

/** The defaults of everything but the deployment and env (the config's, src/config/datadog-resources.ts). */
export const DEFAULT_MONITOR_OPTIONS = {
  notify: [],
  // The design's "error_count > 5", over three cycles so that one bad cycle does not page.
  errors: { threshold: 5, cycles: 3 },
  unitFailedCycles: 2,
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
): KeyedMonitor[] {
  const name = collector.name;
  // A cron's shortest gap between firings: the interval the engine's mode rule uses too. Measured
  // from a fixed instant so the monitors do not depend on when they are generated.
  const intervalMs = scheduleIntervalMs(parseSchedule(schedule), FIXED_FROM);
  const window = (cycles: number): string => timeframe(cycles * intervalMs);
  const scope = `{env:${options.env}}`;
  const metric = (suffix: string): string => `collector.${name}.${suffix}`;
  const targetTags = Object.keys(collector.catalog.targetTags);
  const monitor = (
    id: string,
    title: string,
    query: string,
    threshold: number,
    text: string,
    extra: v1.MonitorOptions = {},
  ): KeyedMonitor => ({
    key: `${name}.${id}`,
    body: {
      name: `[${options.deployment}] ${name}: ${title}`,
      type: 'query alert',
      query,
      message: [text, ...(options.notify.length > 0 ? [options.notify.join(' ')] : [])].join('\n\n'),
      tags: [
        MANAGED_BY_TAG,
        `deployment:${options.deployment}`,
        `collector:${name}`,
        `${MONITOR_KEY_TAG}:${name}.${id}`,
      ],
      options: { thresholds: { critical: threshold }, includeTags: true, requireFullWindow: false, ...extra },
    },
  });
  // The health monitors' ids are the config's (`disable: ['*.no-data']`).
  const health = (
    id: HealthMonitorId,
    title: string,
    query: string,
    threshold: number,
    text: string,
    extra?: v1.MonitorOptions,
  ): KeyedMonitor => monitor(id, title, query, threshold, text, extra);

  const noDataMs = 2 * intervalMs;
  const monitors: KeyedMonitor[] = [
    health(
      'no-data',
      `no data for ${window(2).slice('last_'.length)}`,
      // Never true: only the absence of data alerts.
      `max(${window(2)}):max:${metric('metric_count')}${scope} < 0`,
      0,
      `No cycle of ${name} reported for two schedule intervals: check the worker and the schedule.`,
      { notifyNoData: true, noDataTimeframe: Math.max(1, Math.ceil(noDataMs / 60_000)) },
    ),
    health(
      'repeated-errors',
      `repeated errors`,
      `min(${window(options.errors.cycles)}):sum:${metric('error_count')}${scope} > ${options.errors.threshold}`,
      options.errors.threshold,
      `Every cycle of ${name} in the last ${options.errors.cycles} had more than ${options.errors.threshold} failed units: see the cycle results in Temporal.`,
    ),
    health(
      'unit-failing',
      `a unit stopped succeeding`,
      `max(${window(options.unitFailedCycles)}):min:${metric('group.success')}${scope} by {${['group', ...targetTags].join(',')}} < 1`,
      1,
      `The unit {{group.name}} of ${name} failed in each of the last ${options.unitFailedCycles} cycles.`,
    ),
    health(
      'points-dropped',
      `points dropped`,
      `max(${window(2)}):sum:${metric('points_dropped')}${scope} > 0`,
      0,
      `A cycle of ${name} gave points up after its submission deadline: Datadog was unreachable too long.`,
    ),
    health(
      'invalid-points',
      `invalid points`,
      `max(${window(2)}):sum:${metric('invalid_points')}${scope} > 0`,
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
        spec.id,
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
