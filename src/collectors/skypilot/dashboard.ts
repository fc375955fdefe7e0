/**
 * Hand-written widgets of the SkyPilot dashboard, next to the ones generated from the catalog: the
 * spread of running jobs' runtimes over time (stuck jobs show as a growing `over_24h` band and a p99
 * climbing past 48 h), and spot against on-demand jobs over time.
 */
import type { v1 } from '@datadog/datadog-api-client';
import type { Collector } from '../types';

/** 48 h in seconds: the runtime past which a job is likely stuck. */
const STUCK_SECONDS = 48 * 3600;

export const skypilotDashboard: NonNullable<Collector['dashboard']> = ({ filter }) => {
  const buckets = ['0_1h', '1_4h', '4_24h', 'over_24h'] as const;
  const runtimeSpread: v1.Widget = {
    definition: {
      type: 'timeseries',
      title: 'Running jobs by runtime',
      description:
        'Running tasks per runtime bucket: a growing "24 h or more" band is jobs that may be stuck.',
      showLegend: true,
      yaxis: { label: 'jobs', includeZero: true },
      requests: buckets.map((b) => ({
        q: `sum:skypilot.jobs.runtime_buckets.${b}{${filter}}`,
        displayType: 'bars' as const,
      })),
    },
  };
  const percentiles: v1.Widget = {
    definition: {
      type: 'timeseries',
      title: 'Running jobs’ runtime p50, p90, p99',
      description: 'Runtime percentiles of running tasks; the marker is 48 h.',
      showLegend: true,
      yaxis: { label: 'seconds', includeZero: true },
      markers: [{ value: `y = ${STUCK_SECONDS}`, displayType: 'error dashed', label: '48 h' }],
      requests: (['p50', 'p90', 'p99'] as const).map((p) => ({
        q: `max:skypilot.jobs.runtime_seconds.${p}{${filter}}`,
        displayType: 'line' as const,
      })),
    },
  };
  const spotVsOnDemand: v1.Widget = {
    definition: {
      type: 'timeseries',
      title: 'Spot vs on-demand jobs',
      description: 'Managed jobs on spot instances and on on-demand instances, over time.',
      showLegend: true,
      yaxis: { label: 'jobs', includeZero: true },
      requests: [
        { q: `sum:skypilot.resources.spot_jobs{${filter}}`, displayType: 'area' },
        { q: `sum:skypilot.resources.ondemand_jobs{${filter}}`, displayType: 'area' },
      ],
    },
  };
  return [runtimeSpread, percentiles, spotVsOnDemand];
};
