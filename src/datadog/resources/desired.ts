/**
 * The desired state of a deployment's Datadog resources: the generated dashboards, monitors and
 * metric metadata, each with the key `apply` matches it by. Pure: nothing here talks to Datadog.
 *
 * Ownership markers, set from the first write so that an interrupted apply leaves nothing unowned:
 * a monitor carries `managed-by:datadog-collectors`, `deployment:<name>` and `monitor:<key>` tags; a
 * dashboard's description starts with `managed-by:datadog-collectors deployment:<name> dashboard:<key>`.
 * Metric metadata belongs to the metric, not to a deployment: it is set, never deleted.
 */
import type { v1 } from '@datadog/datadog-api-client';
import { globMatcher } from '../../util/glob';
import { generateDashboards, type KeyedDashboard } from './dashboards';
import { collectorMetricMetadata } from './metadata';
import { collectorMonitors, MANAGED_BY_TAG, MONITOR_KEY_TAG, type KeyedMonitor } from './monitors';
import type { ResourceOptions } from './options';

export { ownedDashboardKey } from './dashboards';

export interface DesiredResources {
  /** One per enabled collector (key: its name), then the health dashboard (key `health`). */
  readonly dashboards: readonly KeyedDashboard[];
  /** Key `<collector>.<monitor id>`. */
  readonly monitors: readonly KeyedMonitor[];
  /** Every metric of the enabled collectors, their health metrics included, in catalog order. */
  readonly metadata: readonly { readonly metric: string; readonly body: v1.MetricMetadata }[];
}

export function desiredResources(options: ResourceOptions): DesiredResources {
  const collectors = options.collectors.map((c) => c.collector);
  const disabled = globMatcher(options.disabledMonitors);
  return {
    dashboards: options.dashboards ? generateDashboards(collectors, options.deployment) : [],
    monitors: options.monitors
      ? options.collectors
          .flatMap(({ collector, schedule }) =>
            collectorMonitors(collector, options.monitorOptions, schedule),
          )
          .filter((m) => !disabled(m.key))
      : [],
    metadata: options.metadata
      ? collectors.flatMap((c) =>
          [...collectorMetricMetadata(c.catalog)].map(([metric, body]) => ({ metric, body })),
        )
      : [],
  };
}

/** The key of a monitor `deployment` owns, from its tags; undefined for any other monitor. */
export function ownedMonitorKey(monitor: Pick<v1.Monitor, 'tags'>, deployment: string): string | undefined {
  const tags = monitor.tags ?? [];
  if (!tags.includes(MANAGED_BY_TAG) || !tags.includes(`deployment:${deployment}`)) return undefined;
  const prefix = `${MONITOR_KEY_TAG}:`;
  return tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
}
