/**
 * The Asana metrics, declared once (meanings: the Asana section of the metrics spec).
 *
 * W is `(asOf − 7 d, asOf]`. A target is one project; two groups, one per kind of request:
 * - `tasks`: the project's tasks that are open or were completed since the start of W (Asana filters
 *   with `completed_since`), 100 a page, and the completion state of dependencies that live elsewhere;
 * - `status`: the project's latest status update.
 * Milestones (`resource_subtype = milestone`) count only in `asana.milestones.*`.
 */
import { catalog, metric } from '../../catalog/declare';

const OPEN =
  'tasks of the project open at asOf: created by asOf and not completed by asOf (milestones apart; subtasks count where they are members of the project)';
const STATUS = (type: string) =>
  `1 when the project's latest status update has status_type ${type}, else 0 (also 0 without any status update), one series per project: sum it by workspace for the count of projects.`;

export const asanaCatalog = catalog({
  collector: 'asana',
  targetTags: {
    workspace: { description: 'The Asana workspace (or organization) name, as a tag value.' },
    project: { description: 'The project name, as a tag value (names need not be unique: see project_gid).' },
    project_gid: { description: 'The project gid, unique in Asana.' },
  },
  tags: {},
  groups: [
    {
      name: 'tasks',
      description:
        'The project’s open tasks and those completed in W (completed_since = asOf − 7 d), 100 a page, and the state of dependencies outside that list.',
      timeout: '5m',
      retry: { maximumAttempts: 4, initialInterval: '30s', maximumInterval: '5m' },
    },
    {
      name: 'status',
      description: 'The project’s latest status update (one request).',
      timeout: '1m',
      retry: { maximumAttempts: 4, initialInterval: '30s', maximumInterval: '5m' },
    },
  ],
  metrics: [
    metric({
      name: 'asana.tasks.open',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description: `The ${OPEN}.`,
    }),
    metric({
      name: 'asana.tasks.overdue',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description:
        'Open tasks (as tasks.open) whose due moment is before asOf: due_at when set, else the end of the due_on day (UTC), so a task due today is not overdue yet.',
    }),
    metric({
      name: 'asana.tasks.created_7d',
      unit: 'count',
      group: 'tasks',
      backfill: true,
      description: 'Tasks of the project (milestones apart) whose created_at is in W = (asOf − 7 d, asOf].',
    }),
    metric({
      name: 'asana.tasks.completed_7d',
      unit: 'count',
      group: 'tasks',
      backfill: true,
      description: 'Tasks of the project (milestones apart) whose completed_at is in W = (asOf − 7 d, asOf].',
    }),
    metric({
      name: 'asana.tasks.completion_rate_7d',
      unit: 'percent',
      group: 'tasks',
      backfill: false,
      description:
        'completed_7d / (completed_7d + open) × 100; absent when the project has neither open tasks nor tasks completed in W.',
    }),
    metric({
      name: 'asana.tasks.avg_time_to_complete_days',
      unit: 'day',
      group: 'tasks',
      backfill: true,
      description:
        'Mean of completed_at − created_at, in days, over tasks (milestones apart) completed in W = (asOf − 7 d, asOf]; absent when none was.',
    }),
    metric({
      name: 'asana.tasks.unassigned',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description: 'Open tasks (as tasks.open) without an assignee.',
    }),
    metric({
      name: 'asana.tasks.blocked',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description:
        'Open tasks (as tasks.open) with at least one incomplete dependency, wherever it lives; absent when the workspace’s plan refuses dependencies (HTTP 402).',
    }),
    ...(['high', 'medium', 'low'] as const).map((level) =>
      metric({
        name: `asana.tasks.${level}_priority`,
        unit: 'count',
        group: 'tasks',
        backfill: false,
        description: `Open tasks (as tasks.open) whose priority field (an enum custom field, options.priority; by default "Priority") has a value mapped to ${level} (by default "${level[0]!.toUpperCase()}${level.slice(1)}").`,
      }),
    ),
    metric({
      name: 'asana.users.active_7d',
      unit: 'user',
      group: 'tasks',
      backfill: true,
      description:
        'Distinct assignees of the tasks (milestones apart) completed in W = (asOf − 7 d, asOf] (a completed task without assignee counts no one).',
    }),
    metric({
      name: 'asana.milestones.upcoming',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description:
        'Open milestones of the project due from asOf to asOf + 14 d (a due_on day counts when any of it is in that span: today and the 14th day).',
    }),
    metric({
      name: 'asana.milestones.overdue',
      unit: 'count',
      group: 'tasks',
      backfill: false,
      description: 'Open milestones of the project whose due moment is before asOf.',
    }),
    metric({
      name: 'asana.projects.active',
      unit: 'count',
      group: 'status',
      backfill: false,
      description:
        'Always 1, one series per non-archived configured project: sum it by workspace for the count of active projects.',
    }),
    metric({
      name: 'asana.projects.on_track',
      unit: 'count',
      group: 'status',
      backfill: false,
      description: STATUS('on_track'),
    }),
    metric({
      name: 'asana.projects.at_risk',
      unit: 'count',
      group: 'status',
      backfill: false,
      description: STATUS('at_risk'),
    }),
    metric({
      name: 'asana.projects.off_track',
      unit: 'count',
      group: 'status',
      backfill: false,
      description: STATUS('off_track'),
    }),
  ],
});

export type GroupName = 'tasks' | 'status';
