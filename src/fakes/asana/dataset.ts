/**
 * What the fake Asana serves, and a seeded generator of a workspace relative to `now`: teams,
 * projects with a year of tasks (open, completed, overdue, unassigned, with a Priority, blocked by
 * dependencies in and outside the project), milestones, subtasks and status updates. Times are
 * written as Asana writes them (ISO 8601 in UTC with milliseconds); due dates as `YYYY-MM-DD`.
 * Same seed and `now` → same data.
 */
import { seededRandom, weighted } from '../skypilot/random';

export interface FakeWorkspace {
  readonly gid: string;
  readonly name: string;
  /** False: a free plan, whose premium routes answer 402. */
  readonly premium: boolean;
}

export interface FakeUser {
  readonly gid: string;
  readonly name: string;
}

export interface FakeTeam {
  readonly gid: string;
  readonly name: string;
  readonly workspace: string;
}

export interface FakeProject {
  readonly gid: string;
  readonly name: string;
  readonly workspace: string;
  readonly team: string | null;
  readonly archived: boolean;
}

export interface FakeTask {
  readonly gid: string;
  readonly name: string;
  readonly resource_subtype: 'default_task' | 'milestone' | 'approval';
  readonly created_at: string;
  readonly completed: boolean;
  readonly completed_at: string | null;
  readonly due_on: string | null;
  readonly due_at: string | null;
  /** A user gid. */
  readonly assignee: string | null;
  /** Project gids the task is a member of (a subtask only where it was added). */
  readonly projects: readonly string[];
  readonly parent: string | null;
  /** Task gids it depends on (anywhere in the workspace). */
  readonly dependencies: readonly string[];
  /** Custom field gid → the name of the chosen enum option (null: no value). */
  readonly custom: Readonly<Record<string, string | null>>;
}

export interface FakeEnumField {
  readonly gid: string;
  readonly name: string;
  readonly options: readonly { readonly gid: string; readonly name: string; readonly color: string }[];
}

export interface FakeStatusUpdate {
  readonly gid: string;
  /** The project gid. */
  readonly parent: string;
  readonly status_type: 'on_track' | 'at_risk' | 'off_track' | 'on_hold' | 'complete' | 'dropped';
  readonly title: string;
  readonly created_at: string;
}

export interface FakeDataset {
  /** The user the token belongs to. */
  readonly me: string;
  readonly users: readonly FakeUser[];
  readonly workspaces: readonly FakeWorkspace[];
  readonly teams: readonly FakeTeam[];
  readonly projects: readonly FakeProject[];
  /** In each project's order ("priority within the project"). */
  readonly tasks: readonly FakeTask[];
  readonly fields: readonly FakeEnumField[];
  readonly statusUpdates: readonly FakeStatusUpdate[];
}

export function asanaTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function asanaDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Ken',
  'Dennis',
  'Margaret',
  'Linus',
  'Guido',
  'Yann',
  'Fei',
];

export interface ProjectSpec {
  readonly name: string;
  /** Tasks in all (history and open), milestones included. */
  readonly tasks: number;
  /** Of them, open now. */
  readonly open: number;
  /** Index into the teams (default 0). */
  readonly team?: number;
  readonly archived?: boolean;
  /** False: the project never had a status update. */
  readonly statusUpdates?: boolean;
  /** The period the completed tasks are spread over, ending now (default 365 days). */
  readonly days?: number;
  /** False: no subtask (by default every tenth task has one, a member of the project too). */
  readonly subtasks?: boolean;
}

export interface GenerateOptions {
  /** The instant the data is relative to (default now). */
  readonly now?: Date;
  readonly seed?: number;
  readonly workspace?: string;
  readonly premium?: boolean;
  readonly teams?: readonly string[];
  readonly projects?: readonly ProjectSpec[];
}

export const SANDBOX_PROJECTS: readonly ProjectSpec[] = [
  { name: 'Mobile App', tasks: 900, open: 140, team: 0 },
  { name: 'Web Platform', tasks: 1200, open: 180, team: 0 },
  { name: 'Q3 Launch', tasks: 300, open: 40, team: 1 },
  { name: 'Brand Refresh', tasks: 120, open: 25, team: 1, statusUpdates: false },
  { name: 'Legacy Migration (archive)', tasks: 200, open: 0, team: 0, archived: true },
];

export const PRIORITY_FIELD = 'Priority';

export function generateDataset(options: GenerateOptions = {}): FakeDataset {
  const now = (options.now ?? new Date()).getTime();
  const random = seededRandom(options.seed ?? 11);
  let next = 1_200_000_000_000_000;
  const gid = () => String(next++);
  const users = NAMES.map((name) => ({ gid: gid(), name }));
  const workspace: FakeWorkspace = {
    gid: gid(),
    name: options.workspace ?? 'Acme',
    premium: options.premium ?? true,
  };
  const teams = (options.teams ?? ['Engineering', 'Marketing']).map((name) => ({
    gid: gid(),
    name,
    workspace: workspace.gid,
  }));
  const field: FakeEnumField = {
    gid: gid(),
    name: PRIORITY_FIELD,
    options: [
      { gid: gid(), name: 'High', color: 'red' },
      { gid: gid(), name: 'Medium', color: 'yellow' },
      { gid: gid(), name: 'Low', color: 'green' },
    ],
  };
  const projects: FakeProject[] = [];
  const tasks: FakeTask[] = [];
  const statusUpdates: FakeStatusUpdate[] = [];
  const specs = options.projects ?? SANDBOX_PROJECTS;
  for (const spec of specs) {
    const project: FakeProject = {
      gid: gid(),
      name: spec.name,
      workspace: workspace.gid,
      team: teams[spec.team ?? 0]?.gid ?? null,
      archived: spec.archived ?? false,
    };
    projects.push(project);
    tasks.push(...projectTasks(random, gid, project, spec, users, field, now));
    if (spec.statusUpdates !== false) statusUpdates.push(...projectStatus(random, gid, project, now));
  }
  addDependencies(random, tasks, projects);
  return {
    me: users[0]!.gid,
    users,
    workspaces: [workspace],
    teams,
    projects,
    tasks,
    fields: [field],
    statusUpdates,
  };
}

function projectTasks(
  random: () => number,
  gid: () => string,
  project: FakeProject,
  spec: ProjectSpec,
  users: readonly FakeUser[],
  field: FakeEnumField,
  now: number,
): FakeTask[] {
  const days = spec.days ?? 365;
  const out: FakeTask[] = [];
  const open = Math.min(spec.open, spec.tasks);
  const user = () => users[Math.floor(Math.pow(random(), 1.4) * users.length)]!.gid;
  const priority = () =>
    weighted(random, [
      ['High', 15],
      ['Medium', 30],
      ['Low', 25],
      [null, 30],
    ] as const);
  for (let i = 0; i < spec.tasks; i++) {
    const isOpen = i >= spec.tasks - open;
    const milestone = random() < 0.03;
    let created: number;
    let completedAt: number | null = null;
    if (isOpen) {
      created = now - Math.pow(random(), 2) * days * DAY;
    } else {
      // Completions spread evenly over the period; each task took from an hour to a month.
      completedAt = now - random() * days * DAY;
      created = completedAt - (HOUR + Math.pow(random(), 2) * 30 * DAY);
    }
    const due = weighted(random, [
      ['none', 40],
      ['past', 15],
      ['soon', 25],
      ['later', 20],
    ] as const);
    const dueMs =
      due === 'past'
        ? now - (1 + random() * 30) * DAY
        : due === 'soon'
          ? now + random() * 14 * DAY
          : now + (14 + random() * 60) * DAY;
    const withTime = due !== 'none' && random() < 0.2;
    out.push({
      gid: gid(),
      name: milestone ? `${spec.name} milestone ${i}` : `${spec.name} task ${i}`,
      resource_subtype: milestone ? 'milestone' : random() < 0.03 ? 'approval' : 'default_task',
      created_at: asanaTime(created),
      completed: !isOpen,
      completed_at: completedAt === null ? null : asanaTime(completedAt),
      due_on: due === 'none' ? null : asanaDate(dueMs),
      due_at: due !== 'none' && withTime ? asanaTime(dueMs) : null,
      assignee: random() < 0.2 ? null : user(),
      projects: [project.gid],
      parent: null,
      dependencies: [],
      custom: { [field.gid]: milestone ? null : priority() },
    });
  }
  // Every tenth task has a subtask that is a member of the project too.
  const withSubtasks = spec.subtasks === false ? [] : out.filter((_, i) => i % 10 === 5);
  for (const parent of withSubtasks) {
    out.push({
      ...parent,
      gid: gid(),
      name: `${parent.name} (subtask)`,
      resource_subtype: 'default_task',
      parent: parent.gid,
      assignee: random() < 0.3 ? null : user(),
    });
  }
  return out;
}

/** Open tasks depend on others: mostly open tasks of their project, some done, some elsewhere. */
function addDependencies(random: () => number, tasks: FakeTask[], projects: readonly FakeProject[]): void {
  const byProject = new Map(projects.map((p) => [p.gid, tasks.filter((t) => t.projects[0] === p.gid)]));
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (t.completed || t.resource_subtype === 'milestone' || random() >= 0.12) continue;
    const own = byProject.get(t.projects[0]!) ?? [];
    const kind = weighted(random, [
      ['open-here', 55],
      ['done-here', 30],
      ['elsewhere', 15],
    ] as const);
    let pool: readonly FakeTask[];
    if (kind === 'elsewhere') pool = tasks.filter((o) => o.projects[0] !== t.projects[0]);
    else pool = own.filter((o) => o.completed === (kind === 'done-here'));
    const dep = pool.length ? pool[Math.floor(random() * pool.length)] : undefined;
    if (dep && dep.gid !== t.gid) tasks[i] = { ...t, dependencies: [dep.gid] };
  }
}

function projectStatus(
  random: () => number,
  gid: () => string,
  project: FakeProject,
  now: number,
): FakeStatusUpdate[] {
  const out: FakeStatusUpdate[] = [];
  const weeks = 10 + Math.floor(random() * 30);
  for (let w = weeks; w >= 0; w--) {
    const status_type = weighted(random, [
      ['on_track', 55],
      ['at_risk', 25],
      ['off_track', 12],
      ['on_hold', 8],
    ] as const);
    out.push({
      gid: gid(),
      parent: project.gid,
      status_type,
      title: `Week ${weeks - w + 1}: ${status_type.replace('_', ' ')}`,
      created_at: asanaTime(now - w * 7 * DAY - random() * DAY),
    });
  }
  return out;
}
