/**
 * Group `tasks`: one listing of the project's tasks that are open or were completed since the start
 * of W (`completed_since`), with exactly the fields the metrics use, then the completion state of the
 * dependencies the listing does not settle. How each metric is computed: README.md#how-each-metric-is-computed.
 */
import { DAY_MS, WEEK_MS, inWindow, windowEnding } from '../kit/window';
import { mean, percent } from '../kit/statistics';
import type { CollectContext } from '../types';
import { PaymentRequiredError, type AsanaClient } from './client';
import { points, type AsanaPoint } from './points';
import type { AsanaSettings, PrioritySettings } from './settings';
import { gidsOf } from './targets';

/** The fields the metrics read, and no other (Asana sends only what opt_fields names). */
export const TASK_FIELDS = [
  'resource_subtype',
  'created_at',
  'completed',
  'completed_at',
  'due_on',
  'due_at',
  'assignee',
  'dependencies',
  'custom_fields.name',
  'custom_fields.resource_subtype',
  'custom_fields.enum_value.name',
].join(',');

/** How far ahead `milestones.upcoming` looks. */
const UPCOMING_MS = 14 * DAY_MS;
/** Up to this many tasks to settle, one look-up each; more, the workspace's search (see blockedCount). */
export const MAX_LOOKUPS = 2;
/** Asana's largest search page; search has no offset paging. */
const SEARCH_PAGE = 100;

export interface AsanaTask {
  readonly gid: string;
  readonly resource_subtype?: string;
  readonly created_at?: string | null;
  readonly completed?: boolean;
  readonly completed_at?: string | null;
  readonly due_on?: string | null;
  readonly due_at?: string | null;
  readonly assignee?: { readonly gid: string } | null;
  readonly dependencies?: readonly { readonly gid: string }[];
  readonly custom_fields?: readonly CustomField[];
}

interface CustomField {
  readonly name?: string;
  readonly resource_subtype?: string;
  readonly enum_value?: { readonly name?: string } | null;
}

/** Workspaces whose 402 on dependencies was logged, by cycle (asOf): one line per cycle and worker. */
const announced = new Set<string>();

export async function collectTasks(
  ctx: CollectContext<AsanaSettings>,
  client: AsanaClient,
): Promise<AsanaPoint[]> {
  const { project } = gidsOf(ctx.target);
  const window = windowEnding(ctx.asOf, WEEK_MS);
  const tasks = await client.list<AsanaTask>(
    `/projects/${project}/tasks`,
    { completed_since: window.start.toISOString(), opt_fields: TASK_FIELDS },
    `the tasks of project ${project}`,
  );
  const m = taskMetrics(tasks, ctx.asOf, ctx.settings.options.priority);
  const blocked = await blockedCount(ctx, client, tasks, m.open);
  return points({
    'asana.tasks.open': m.open.length,
    'asana.tasks.overdue': m.overdue,
    'asana.tasks.created_7d': m.created,
    'asana.tasks.completed_7d': m.completed.length,
    'asana.tasks.completion_rate_7d': percent(m.completed.length, m.completed.length + m.open.length),
    'asana.tasks.avg_time_to_complete_days': mean(
      m.completed.map((t) => (Date.parse(t.completed_at!) - Date.parse(t.created_at!)) / DAY_MS),
    ),
    'asana.tasks.unassigned': m.open.filter((t) => !t.assignee).length,
    'asana.tasks.blocked': blocked,
    'asana.tasks.high_priority': m.priority.high,
    'asana.tasks.medium_priority': m.priority.medium,
    'asana.tasks.low_priority': m.priority.low,
    'asana.users.active_7d': new Set(m.completed.flatMap((t) => (t.assignee ? [t.assignee.gid] : []))).size,
    'asana.milestones.upcoming': m.milestonesUpcoming,
    'asana.milestones.overdue': m.milestonesOverdue,
  });
}

export interface TaskMetrics {
  /** Tasks open at asOf (milestones apart). */
  readonly open: AsanaTask[];
  readonly overdue: number;
  readonly created: number;
  /** Tasks completed in W (milestones apart). */
  readonly completed: AsanaTask[];
  readonly priority: { high: number; medium: number; low: number };
  readonly milestonesUpcoming: number;
  readonly milestonesOverdue: number;
}

/** Everything but `blocked`, from the listing alone. */
export function taskMetrics(
  tasks: readonly AsanaTask[],
  asOf: Date,
  priority: PrioritySettings,
): TaskMetrics {
  const window = windowEnding(asOf, WEEK_MS);
  const at = asOf.getTime();
  const openAt = (t: AsanaTask) => {
    const created = time(t.created_at);
    if (created === undefined || created > at) return false;
    const completed = time(t.completed_at);
    return !t.completed || completed === undefined || completed > at;
  };
  const milestones = tasks.filter((t) => t.resource_subtype === 'milestone');
  const plain = tasks.filter((t) => t.resource_subtype !== 'milestone');
  const open = plain.filter(openAt);
  const completed = plain.filter(
    (t) => t.completed && inWindow(t.completed_at, window) && time(t.created_at) !== undefined,
  );
  const levelOf = priorityLevels(priority);
  const counts = { high: 0, medium: 0, low: 0 };
  for (const t of open) {
    const level = levelOf(t);
    if (level) counts[level]++;
  }
  const openMilestones = milestones.filter(openAt);
  const overdue = (t: AsanaTask) => {
    const due = dueOf(t);
    return due !== undefined && due.end < at;
  };
  return {
    open,
    overdue: open.filter(overdue).length,
    created: plain.filter((t) => inWindow(t.created_at, window)).length,
    completed,
    priority: counts,
    milestonesOverdue: openMilestones.filter(overdue).length,
    milestonesUpcoming: openMilestones.filter((t) => {
      const due = dueOf(t);
      return due !== undefined && due.end >= at && due.start <= at + UPCOMING_MS;
    }).length,
  };
}

/**
 * When a task is due: `due_at` when set; else its `due_on` day in UTC, from its first to its last
 * millisecond (a task due today is not overdue until the day ends).
 */
export function dueOf(t: AsanaTask): { start: number; end: number } | undefined {
  const at = time(t.due_at);
  if (at !== undefined) return { start: at, end: at };
  if (!t.due_on || !/^\d{4}-\d{2}-\d{2}$/.test(t.due_on)) return undefined;
  const start = Date.parse(`${t.due_on}T00:00:00Z`);
  return Number.isNaN(start) ? undefined : { start, end: start + DAY_MS - 1 };
}

function priorityLevels(priority: PrioritySettings): (t: AsanaTask) => 'high' | 'medium' | 'low' | undefined {
  const field = priority.field.toLowerCase();
  const levels = new Map<string, 'high' | 'medium' | 'low'>();
  for (const level of ['high', 'medium', 'low'] as const) {
    for (const name of priority[level]) levels.set(name.toLowerCase(), level);
  }
  return (t) => {
    const f = t.custom_fields?.find(
      (c) => c.name?.toLowerCase() === field && (c.resource_subtype ?? 'enum') === 'enum',
    );
    const value = f?.enum_value?.name;
    return value ? levels.get(value.toLowerCase()) : undefined;
  };
}

/**
 * Open tasks with an incomplete dependency. A dependency in the listing is settled by it (the listing
 * holds every open task of the project, so one not in it is done, or lives elsewhere). The tasks left
 * are settled with one look-up each (`GET /tasks/{gid}/dependencies`) when they are few, else by the
 * workspace's blocked tasks, searched once per cycle and shared by its units in this process. Both
 * are premium routes: on 402 the count is absent (undefined), with one warning per cycle.
 */
async function blockedCount(
  ctx: CollectContext<AsanaSettings>,
  client: AsanaClient,
  tasks: readonly AsanaTask[],
  open: readonly AsanaTask[],
): Promise<number | undefined> {
  const completed = new Map(tasks.map((t) => [t.gid, t.completed === true]));
  let blocked = 0;
  const unsettled: AsanaTask[] = [];
  for (const t of open) {
    const deps = t.dependencies ?? [];
    if (deps.some((d) => completed.get(d.gid) === false)) blocked++;
    else if (deps.some((d) => !completed.has(d.gid))) unsettled.push(t);
  }
  if (!unsettled.length) return blocked;
  const { workspace } = gidsOf(ctx.target);
  const key = `${client.baseUrl} ${workspace} ${ctx.asOf.toISOString()}`;
  try {
    if (unsettled.length <= MAX_LOOKUPS && !searches.has(key)) {
      for (const t of unsettled) {
        const deps = await client.list<{ gid: string; completed?: boolean }>(
          `/tasks/${t.gid}/dependencies`,
          { opt_fields: 'completed' },
          `the dependencies of task ${t.gid}`,
        );
        if (deps.some((d) => d.completed === false)) blocked++;
      }
    } else {
      const found = await workspaceBlocked(client, workspace, key);
      blocked += unsettled.filter((t) => found.has(t.gid)).length;
    }
    return blocked;
  } catch (err) {
    if (!(err instanceof PaymentRequiredError)) throw err;
    const announcedKey = `${ctx.target.tags.workspace}@${ctx.asOf.toISOString()}`;
    if (!announced.has(announcedKey)) {
      if (announced.size > 1000) announced.clear();
      announced.add(announcedKey);
      ctx.log.warn(
        'asana.tasks.blocked is absent: the workspace’s Asana plan refuses dependencies (HTTP 402); a paid plan gives it',
        { workspace: ctx.target.tags.workspace, asana: err.asanaMessage },
      );
    }
    return undefined;
  }
}

/** The workspace's blocked tasks by cycle (base URL, workspace, asOf): one search per cycle and process. */
const searches = new Map<string, Promise<Set<string>>>();
/** Cycles kept: enough for the units of a few cycles (and a backfill's) in flight at once. */
const SEARCHES_KEPT = 16;

function workspaceBlocked(client: AsanaClient, workspace: string, key: string): Promise<Set<string>> {
  let search = searches.get(key);
  if (!search) {
    search = searchBlocked(client, workspace);
    searches.set(key, search);
    // A failed search is not kept, so the next attempt searches again; a 402 is, as it will not change.
    search.catch((err: unknown) => {
      if (!(err instanceof PaymentRequiredError)) searches.delete(key);
    });
    while (searches.size > SEARCHES_KEPT) searches.delete(searches.keys().next().value!);
  }
  return search;
}

/**
 * The gids of the workspace's incomplete tasks with an incomplete dependency, by Asana's task search.
 * Search has no offset paging: pages are read oldest first, each after the last one's `created_at`
 * (less a millisecond, so tasks created in the same millisecond are not lost; gids dedupe).
 */
async function searchBlocked(client: AsanaClient, workspace: string): Promise<Set<string>> {
  const found = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await client.get<{ gid: string; created_at?: string }[]>(
      `/workspaces/${workspace}/tasks/search`,
      {
        is_blocked: 'true',
        completed: 'false',
        sort_by: 'created_at',
        sort_ascending: 'true',
        'created_at.after': after,
        opt_fields: 'created_at',
        limit: SEARCH_PAGE,
      },
      `the blocked tasks of workspace ${workspace} (search)`,
    );
    const before = found.size;
    for (const t of page) found.add(t.gid);
    const last = page[page.length - 1]?.created_at;
    if (page.length < SEARCH_PAGE || found.size === before || !last) return found;
    after = new Date(Date.parse(last) - 1).toISOString();
  }
}

function time(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
