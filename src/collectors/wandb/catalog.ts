/**
 * The Weights & Biases metrics, declared once (meanings: the W&B section of the metrics spec).
 *
 * W is `(asOf − 7 d, asOf]`. A run *ended in W* when its state is terminal (finished, failed, crashed,
 * killed) and its last heartbeat is in W. Three groups, one per kind of request, none of which reads a
 * project's history:
 * - `counts`: one request — server-side counts (`runCount` with filters) and, per configured summary
 *   key, the best finished runs of W ordered by that key;
 * - `runs`: the runs whose lifetime overlaps W, filtered server-side, one request per page;
 * - `sweeps`: the sweeps running or updated in W.
 */
import { catalog, metric } from '../../catalog/declare';

/** Summary keys with metrics of their own (the design's names); every configured key is in `wandb.metrics.best`. */
export const NAMED_BEST_KEYS = ['accuracy', 'loss'] as const;

const ENDED = (state: string) =>
  `Runs in state ${state} whose last heartbeat (their end) is in W = (asOf − 7 d, asOf], counted by the server (runCount).`;

export const wandbCatalog = catalog({
  collector: 'wandb',
  targetTags: {
    entity: { description: 'The W&B entity (team or user) that owns the project.' },
    project: { description: 'The W&B project name.' },
  },
  tags: {
    key: {
      description: 'The summary key (`options.bestMetrics[].key`), lower-cased as Datadog stores tags.',
      estimatedValues: 2,
    },
  },
  groups: [
    {
      name: 'counts',
      description:
        'One request per project: runCount with server-side filters for each count, and per summary key the best finished runs of W.',
      timeout: '1m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
    {
      name: 'runs',
      description:
        'The runs whose lifetime overlaps W (created by asOf, and running, heard from after the start of W or created in W), filtered server-side, one request per page.',
      timeout: '3m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
    {
      name: 'sweeps',
      description: 'The sweeps running or updated in W (filtered server-side where W&B supports it).',
      timeout: '1m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
  ],
  metrics: [
    metric({
      name: 'wandb.runs.active',
      unit: 'run',
      group: 'counts',
      backfill: false,
      description:
        'Runs in state running, created by asOf, counted by the server (runCount) when the unit runs.',
    }),
    metric({
      name: 'wandb.runs.total_7d',
      unit: 'run',
      group: 'counts',
      backfill: true,
      description: 'Runs whose createdAt is in W = (asOf − 7 d, asOf], counted by the server (runCount).',
    }),
    metric({
      name: 'wandb.runs.completed_7d',
      unit: 'run',
      group: 'counts',
      backfill: true,
      description: ENDED('finished'),
    }),
    metric({
      name: 'wandb.runs.failed_7d',
      unit: 'run',
      group: 'counts',
      backfill: true,
      description: ENDED('failed'),
    }),
    metric({
      name: 'wandb.runs.crashed_7d',
      unit: 'run',
      group: 'counts',
      backfill: true,
      description: `${ENDED('crashed')} W&B marks a run crashed when its heartbeats stop, so the last heartbeat is when it died.`,
    }),
    ...NAMED_BEST_KEYS.map((key) =>
      metric({
        name: `wandb.metrics.best_${key}`,
        unit: 'value',
        group: 'counts',
        backfill: true,
        description: `Best summary value of \`${key}\` (max or min, as options.bestMetrics sets its goal; by default ${key === 'accuracy' ? 'max' : 'min'}) among runs in state finished whose last heartbeat is in W = (asOf − 7 d, asOf]; absent when none has a numeric value, or when the key is not configured.`,
      }),
    ),
    metric({
      name: 'wandb.metrics.best',
      unit: 'value',
      group: 'counts',
      backfill: true,
      tags: ['key'],
      description:
        'Best summary value (max or min, as configured) of each key of options.bestMetrics among runs in state finished whose last heartbeat is in W = (asOf − 7 d, asOf], one series per key; absent for a key no such run has a numeric value of.',
    }),
    metric({
      name: 'wandb.runs.avg_duration_hours',
      unit: 'hour',
      group: 'runs',
      backfill: true,
      description:
        'Mean of heartbeatAt − createdAt, in hours, over runs that ended in W = (asOf − 7 d, asOf] (finished, failed, crashed or killed, last heartbeat in W); absent when none ended.',
    }),
    metric({
      name: 'wandb.compute.total_gpu_hours_7d',
      unit: 'hour',
      group: 'runs',
      backfill: true,
      description:
        'Sum over runs whose lifetime [createdAt, last heartbeat, or asOf while running] overlaps W = (asOf − 7 d, asOf] of the hours of that lifetime inside W times the run’s GPU count (runInfo.gpuCount, else the GPUs in its system metrics; a run without either counts 0).',
    }),
    metric({
      name: 'wandb.runs.without_gpu_info',
      unit: 'run',
      group: 'runs',
      backfill: true,
      description:
        'Runs whose lifetime overlaps W = (asOf − 7 d, asOf] with neither runInfo.gpuCount nor GPUs in their system metrics: counted as 0 GPUs in total_gpu_hours_7d.',
    }),
    metric({
      name: 'wandb.compute.avg_gpu_utilization',
      unit: 'percent',
      group: 'runs',
      backfill: false,
      description:
        'Mean over runs in state running that report GPU utilization of the mean of their latest per-GPU utilization (system.gpu.<i>.gpu, %); absent when none reports it.',
    }),
    metric({
      name: 'wandb.users.active_7d',
      unit: 'user',
      group: 'runs',
      backfill: true,
      description:
        'Distinct users (username) with a run created in W = (asOf − 7 d, asOf] or running at asOf (created by asOf, and in state running or heard from at or after asOf).',
    }),
    metric({
      name: 'wandb.runs.per_user_7d',
      unit: 'run',
      group: 'runs',
      backfill: true,
      description:
        'Runs created in W = (asOf − 7 d, asOf] divided by users.active_7d; absent when there is no active user.',
    }),
    metric({
      name: 'wandb.experiments.sweeps_running',
      unit: 'count',
      group: 'sweeps',
      backfill: false,
      description: 'Sweeps in state RUNNING when the unit runs.',
    }),
    metric({
      name: 'wandb.experiments.sweeps_completed_7d',
      unit: 'count',
      group: 'sweeps',
      backfill: false,
      description:
        'Sweeps in state FINISHED whose updatedAt is in W = (asOf − 7 d, asOf] (cancelled sweeps are not completed).',
    }),
  ],
});
