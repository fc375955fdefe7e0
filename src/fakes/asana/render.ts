/**
 * Records as Asana sends them: without `opt_fields` each resource's compact form; with them, `gid`
 * and exactly the fields asked for, nested ones by dot paths (`assignee.name`). A nested object asked
 * for without sub-fields comes in its compact form. A field the resource does not have is refused
 * with a 400, as a typo in the collector must not pass for an absent value.
 */
import type {
  FakeDataset,
  FakeProject,
  FakeStatusUpdate,
  FakeTask,
  FakeUser,
  FakeWorkspace,
} from './dataset';

export type Resource = 'user' | 'workspace' | 'project' | 'task' | 'status_update';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** Thrown for an unknown opt_field; the server answers 400 with its message. */
export class OptFieldError extends Error {
  readonly status = 400;
}

const COMPACT: Record<Resource, readonly string[]> = {
  user: ['gid', 'resource_type', 'name'],
  workspace: ['gid', 'resource_type', 'name'],
  project: ['gid', 'resource_type', 'name'],
  task: ['gid', 'resource_type', 'name', 'resource_subtype'],
  status_update: ['gid', 'resource_type', 'title', 'resource_subtype'],
};

/** The dataset with the look-ups rendering needs, built once per fake. */
export interface Indexed {
  readonly dataset: FakeDataset;
  readonly users: ReadonlyMap<string, FakeUser>;
  readonly workspaces: ReadonlyMap<string, FakeWorkspace>;
  readonly projects: ReadonlyMap<string, FakeProject>;
  readonly tasks: ReadonlyMap<string, FakeTask>;
  /** Project gid → its tasks, in the project's order. */
  readonly projectTasks: ReadonlyMap<string, readonly FakeTask[]>;
  /** Task gid → the gids of the tasks that depend on it. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly subtasks: ReadonlyMap<string, number>;
  /** Project gid → its status updates, newest first. */
  readonly statusUpdates: ReadonlyMap<string, readonly FakeStatusUpdate[]>;
}

export function indexDataset(dataset: FakeDataset): Indexed {
  const projectTasks = new Map<string, FakeTask[]>();
  const dependents = new Map<string, string[]>();
  const subtasks = new Map<string, number>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const t of dataset.tasks) {
    for (const p of t.projects) push(projectTasks, p, t);
    for (const d of t.dependencies) push(dependents, d, t.gid);
    if (t.parent) subtasks.set(t.parent, (subtasks.get(t.parent) ?? 0) + 1);
  }
  const statusUpdates = new Map<string, FakeStatusUpdate[]>();
  for (const s of dataset.statusUpdates) push(statusUpdates, s.parent, s);
  for (const list of statusUpdates.values()) list.sort((a, b) => b.created_at.localeCompare(a.created_at));
  const byGid = <T extends { gid: string }>(items: readonly T[]) => new Map(items.map((i) => [i.gid, i]));
  return {
    dataset,
    users: byGid(dataset.users),
    workspaces: byGid(dataset.workspaces),
    projects: byGid(dataset.projects),
    tasks: byGid(dataset.tasks),
    projectTasks,
    dependents,
    subtasks,
    statusUpdates,
  };
}

export function render(kind: Resource, item: unknown, index: Indexed, fields: string[] | undefined): Obj {
  const full = FULL[kind](item as never, index);
  if (fields === undefined) return pick(full, COMPACT[kind]);
  const out: Obj = { gid: full.gid! };
  for (const field of fields) assign(out, full, field.split('.'), field);
  return out;
}

function assign(out: Obj, full: Obj, path: string[], field: string): void {
  const [head, ...rest] = path;
  if (!head || !(head in full)) throw new OptFieldError(`opt_fields: Unknown field "${field}"`);
  const value = full[head]!;
  if (!rest.length) {
    out[head] = compact(value);
    return;
  }
  if (value === null || typeof value !== 'object') {
    if (value === null) {
      out[head] = null;
      return;
    }
    throw new OptFieldError(`opt_fields: "${field}": ${head} has no fields`);
  }
  if (Array.isArray(value)) {
    const existing = (
      Array.isArray(out[head]) ? out[head] : value.map((v) => ({ gid: (v as Obj).gid! }))
    ) as Obj[];
    value.forEach((v, i) => assign(existing[i]!, v as Obj, rest, field));
    out[head] = existing;
    return;
  }
  const target = (out[head] && typeof out[head] === 'object' ? out[head] : { gid: value.gid ?? null }) as Obj;
  assign(target, value, rest, field);
  out[head] = target;
}

/** A nested object or list of them in compact form: gid, resource_type and name where it has them. */
function compact(value: Json): Json {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  return pick(value, ['gid', 'resource_type', 'name']);
}

function pick(obj: Obj, keys: readonly string[]): Obj {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]!]));
}

const ref = (resource_type: string, gid: string, name?: string): Obj =>
  name === undefined ? { gid, resource_type } : { gid, resource_type, name };

const FULL: { [K in Resource]: (item: never, d: Indexed) => Obj } = {
  user: (u: FakeUser & { workspaces?: readonly FakeWorkspace[] }) => ({
    gid: u.gid,
    resource_type: 'user',
    name: u.name,
    email: `${u.name.toLowerCase()}@example.com`,
    workspaces: (u.workspaces ?? []).map((w) => ref('workspace', w.gid, w.name)),
  }),
  workspace: (w: FakeWorkspace) => ({
    gid: w.gid,
    resource_type: 'workspace',
    name: w.name,
    is_organization: true,
    email_domains: ['example.com'],
  }),
  project: (p: FakeProject, d: Indexed) => {
    const w = d.workspaces.get(p.workspace);
    const team = d.dataset.teams.find((t) => t.gid === p.team);
    const latest = d.statusUpdates.get(p.gid)?.[0];
    return {
      gid: p.gid,
      resource_type: 'project',
      name: p.name,
      archived: p.archived,
      workspace: ref('workspace', p.workspace, w?.name),
      team: team ? ref('team', team.gid, team.name) : null,
      current_status_update: latest
        ? {
            gid: latest.gid,
            resource_type: 'status_update',
            title: latest.title,
            resource_subtype: 'project_status_update',
          }
        : null,
    };
  },
  task: (t: FakeTask, d: Indexed) => {
    const user = t.assignee ? d.users.get(t.assignee) : undefined;
    const parent = t.parent ? d.tasks.get(t.parent) : undefined;
    const project = d.projects.get(t.projects[0] ?? '');
    const projectRef = (g: string) => ref('project', g, d.projects.get(g)?.name);
    return {
      gid: t.gid,
      resource_type: 'task',
      name: t.name,
      resource_subtype: t.resource_subtype,
      created_at: t.created_at,
      modified_at: t.completed_at ?? t.created_at,
      completed: t.completed,
      completed_at: t.completed_at,
      due_on: t.due_on,
      due_at: t.due_at,
      assignee: user ? ref('user', user.gid, user.name) : null,
      // Asana: "The objects contain only the gid of the dependency."
      dependencies: t.dependencies.map((g) => ({ gid: g, resource_type: 'task' })),
      dependents: (d.dependents.get(t.gid) ?? []).map((g) => ({ gid: g, resource_type: 'task' })),
      num_subtasks: d.subtasks.get(t.gid) ?? 0,
      parent: parent
        ? {
            gid: parent.gid,
            resource_type: 'task',
            name: parent.name,
            resource_subtype: parent.resource_subtype,
          }
        : null,
      projects: t.projects.map(projectRef),
      memberships: t.projects.map((g) => ({ project: projectRef(g), section: null })),
      workspace: ref('workspace', project?.workspace ?? '', d.workspaces.get(project?.workspace ?? '')?.name),
      custom_fields: d.dataset.fields
        .filter((f) => f.gid in t.custom)
        .map((f) => {
          const option = f.options.find((o) => o.name === t.custom[f.gid]);
          return {
            gid: f.gid,
            resource_type: 'custom_field',
            name: f.name,
            resource_subtype: 'enum',
            type: 'enum',
            enum_options: f.options.map((o) => ({
              gid: o.gid,
              resource_type: 'enum_option',
              name: o.name,
              color: o.color,
              enabled: true,
            })),
            enum_value: option
              ? {
                  gid: option.gid,
                  resource_type: 'enum_option',
                  name: option.name,
                  color: option.color,
                  enabled: true,
                }
              : null,
            display_value: option?.name ?? null,
          };
        }),
    };
  },
  status_update: (s: FakeStatusUpdate, d: Indexed) => ({
    gid: s.gid,
    resource_type: 'status_update',
    resource_subtype: 'project_status_update',
    title: s.title,
    status_type: s.status_type,
    created_at: s.created_at,
    parent: ref('project', s.parent, d.projects.get(s.parent)?.name),
  }),
};
