/**
 * A small Asana workspace whose every metric is derived by hand in the tests. asOf is
 * 2026-11-27T12:00Z, so W = (2026-11-20T12:00Z, 2026-11-27T12:00Z] and the task listing asks for
 * completed_since = 2026-11-20T12:00:00.000Z. Times are written as Asana writes them.
 *
 * - "Roadmap 2027" (1001): every case of the metrics, tasks t1–t18 and milestones m1–m8;
 * - "Platform" (1002): the open task t9 depends on, and tasks blocked from elsewhere (a search);
 *   its latest status is on_track;
 * - "Brand Refresh" (1003): no status update ever;
 * - "Old Stuff" (1004): archived;
 * - "Backlog" (1005): 250 open tasks and 3 completed in W, three pages;
 * - "Side Project" (2001) and "Side Project Too" (2002) in the free workspace "Side Gig" (200):
 *   dependencies and search answer 402.
 */
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { settingsSchema, type AsanaSettings } from '../../../src/collectors/asana/settings';
import { targetOf } from '../../../src/collectors/asana/targets';
import type { FakeDataset, FakeProject, FakeStatusUpdate, FakeTask } from '../../../src/fakes/asana';
import type { SecretResolver } from '../../../src/secrets/types';

export const AS_OF = new Date('2026-11-27T12:00:00Z');
export const TOKEN = '2/1200000000000011/1209999999999999:0123456789abcdef0123456789abcdef';
export const ACME = '100';
export const SIDE_GIG = '200';
export const ROADMAP = '1001';
export const PLATFORM = '1002';
export const BRAND = '1003';
export const OLD = '1004';
export const BACKLOG = '1005';
export const SIDE = '2001';
export const SIDE_TOO = '2002';

const ADA = '11';
const GRACE = '12';
const ALAN = '13';
const PRIORITY = '900';
const EFFORT = '901';

function task(t: Partial<FakeTask> & Pick<FakeTask, 'gid' | 'created_at'>): FakeTask {
  return {
    name: `task ${t.gid}`,
    resource_subtype: 'default_task',
    completed: t.completed_at != null,
    completed_at: null,
    due_on: null,
    due_at: null,
    assignee: null,
    projects: [ROADMAP],
    parent: null,
    dependencies: [],
    custom: {},
    ...t,
  };
}
const priority = (value: string | null) => ({ [PRIORITY]: value });
const milestone = (gid: string, due_on: string | null, extra: Partial<FakeTask> = {}) =>
  task({ gid, created_at: '2026-11-01T00:00:00.000Z', resource_subtype: 'milestone', due_on, ...extra });

export const ROADMAP_TASKS: readonly FakeTask[] = [
  // Open since November, High.
  task({ gid: 't1', created_at: '2026-11-01T00:00:00.000Z', assignee: ADA, custom: priority('High') }),
  // Created in W, due yesterday (overdue), unassigned, Medium.
  task({
    gid: 't2',
    created_at: '2026-11-25T09:00:00.000Z',
    due_on: '2026-11-26',
    custom: priority('Medium'),
  }),
  // Due today: not overdue until the day ends. Low.
  task({
    gid: 't3',
    created_at: '2026-11-10T00:00:00.000Z',
    due_on: '2026-11-27',
    assignee: GRACE,
    custom: priority('Low'),
  }),
  // Due an hour before asOf: overdue. "High" of another field is no priority.
  task({
    gid: 't4',
    created_at: '2026-11-10T00:00:00.000Z',
    due_on: '2026-11-27',
    due_at: '2026-11-27T11:00:00.000Z',
    assignee: ALAN,
    custom: { [EFFORT]: 'High' },
  }),
  // Due an hour after asOf; the Priority field without a value; unassigned.
  task({
    gid: 't5',
    created_at: '2026-11-15T00:00:00.000Z',
    due_on: '2026-11-27',
    due_at: '2026-11-27T13:00:00.000Z',
    custom: priority(null),
  }),
  // Blocked by t1 (open, in the listing).
  task({ gid: 't6', created_at: '2026-11-12T00:00:00.000Z', assignee: ADA, dependencies: ['t1'] }),
  // Depends on t8, completed in W (in the listing): not blocked. High.
  task({
    gid: 't7',
    created_at: '2026-11-12T00:00:00.000Z',
    assignee: ADA,
    dependencies: ['t8'],
    custom: priority('High'),
  }),
  // Completed in W after 3 days, by grace.
  task({
    gid: 't8',
    created_at: '2026-11-18T12:00:00.000Z',
    completed_at: '2026-11-21T12:00:00.000Z',
    assignee: GRACE,
  }),
  // Depends on p1 of Platform, open: looked up, blocked.
  task({ gid: 't9', created_at: '2026-11-12T00:00:00.000Z', assignee: GRACE, dependencies: ['p1'] }),
  // Depends on t11, completed in October (not in the listing): looked up, not blocked.
  task({ gid: 't10', created_at: '2026-11-12T00:00:00.000Z', assignee: GRACE, dependencies: ['t11'] }),
  // History: completed before W, never listed.
  task({
    gid: 't11',
    created_at: '2026-09-01T00:00:00.000Z',
    completed_at: '2026-10-01T00:00:00.000Z',
    assignee: ADA,
  }),
  // Completed exactly at the start of W: listed (completed_since includes it), not in W.
  task({
    gid: 't12',
    created_at: '2026-11-19T12:00:00.000Z',
    completed_at: '2026-11-20T12:00:00.000Z',
    assignee: ALAN,
  }),
  // Completed in W after 2 days, by no one.
  task({ gid: 't13', created_at: '2026-11-22T00:00:00.000Z', completed_at: '2026-11-24T00:00:00.000Z' }),
  // Created in W, completed exactly at asOf (in W) after 1 day, by ada.
  task({
    gid: 't14',
    created_at: '2026-11-26T12:00:00.000Z',
    completed_at: '2026-11-27T12:00:00.000Z',
    assignee: ADA,
  }),
  // Created after the slot: in no metric of it.
  task({ gid: 't15', created_at: '2026-11-27T12:30:00.000Z', assignee: ADA, custom: priority('High') }),
  // Completed after the slot: open at asOf. Low.
  task({
    gid: 't16',
    created_at: '2026-11-01T00:00:00.000Z',
    completed_at: '2026-11-27T12:10:00.000Z',
    assignee: ADA,
    custom: priority('Low'),
  }),
  // A subtask of t1, member of the project: a task. Created in W, unassigned, High.
  task({ gid: 't17', created_at: '2026-11-23T00:00:00.000Z', parent: 't1', custom: priority('High') }),
  // An approval is a task.
  task({ gid: 't18', created_at: '2026-11-05T00:00:00.000Z', resource_subtype: 'approval', assignee: ALAN }),
  // Milestones: created in W but no task; due in 8 days (upcoming).
  milestone('m1', '2026-12-05', { created_at: '2026-11-24T00:00:00.000Z' }),
  milestone('m2', '2026-11-25'), // overdue
  milestone('m3', '2026-11-27'), // due today: upcoming
  milestone('m4', '2026-12-11'), // asOf + 14 d is 12-11T12:00: that day is upcoming
  milestone('m5', '2026-12-12'), // beyond
  // Completed in W: neither a completed task nor an open milestone.
  milestone('m6', '2026-11-25', {
    completed: true,
    completed_at: '2026-11-25T00:00:00.000Z',
    assignee: ALAN,
  }),
  milestone('m7', null), // no due date
];

/** p2–p4 depend on tasks outside Platform's listing: three to settle, so one search settles them. */
const PLATFORM_TASKS: FakeTask[] = [
  task({ gid: 'p1', created_at: '2026-11-02T00:00:00.000Z', projects: [PLATFORM], assignee: ALAN }),
  task({ gid: 'p2', created_at: '2026-11-03T00:00:00.000Z', projects: [PLATFORM], dependencies: ['t11'] }),
  task({ gid: 'p3', created_at: '2026-11-04T00:00:00.000Z', projects: [PLATFORM], dependencies: ['t1'] }),
  task({ gid: 'p4', created_at: '2026-11-05T00:00:00.000Z', projects: [PLATFORM], dependencies: ['t13'] }),
  task({ gid: 'p5', created_at: '2026-11-06T00:00:00.000Z', projects: [PLATFORM], dependencies: ['p1'] }),
];

const BRAND_TASKS: FakeTask[] = [
  task({ gid: 'b1', created_at: '2026-11-02T00:00:00.000Z', projects: [BRAND], assignee: GRACE }),
];

/** 250 open tasks created in October, then 3 completed in W after 15 days each. */
const BACKLOG_TASKS: FakeTask[] = [
  ...Array.from({ length: 250 }, (_, i) =>
    task({
      gid: `k${i}`,
      created_at: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(),
      projects: [BACKLOG],
      assignee: ADA,
    }),
  ),
  ...['kc1', 'kc2', 'kc3'].map((gid) =>
    task({
      gid,
      created_at: '2026-11-10T00:00:00.000Z',
      completed_at: '2026-11-25T00:00:00.000Z',
      projects: [BACKLOG],
      assignee: GRACE,
    }),
  ),
];

const SIDE_TASKS: FakeTask[] = [
  // Its dependency is not in the listing: the look-up answers 402.
  task({
    gid: 'f1',
    created_at: '2026-11-01T00:00:00.000Z',
    projects: [SIDE],
    assignee: ADA,
    dependencies: ['f3'],
  }),
  task({ gid: 'f2', created_at: '2026-11-01T00:00:00.000Z', projects: [SIDE], dependencies: ['f1'] }),
  task({
    gid: 'f3',
    created_at: '2026-08-01T00:00:00.000Z',
    completed_at: '2026-09-01T00:00:00.000Z',
    projects: [SIDE],
  }),
];

/** Three tasks waiting on work done long ago: more than look-ups settle, so the search (402). */
const SIDE_TOO_TASKS: FakeTask[] = ['g1', 'g2', 'g3'].map((gid) =>
  task({
    gid,
    created_at: '2026-11-01T00:00:00.000Z',
    projects: [SIDE_TOO],
    assignee: ADA,
    dependencies: ['f3'],
  }),
);

const project = (
  gid: string,
  name: string,
  workspace: string,
  team: string | null,
  archived = false,
): FakeProject => ({
  gid,
  name,
  workspace,
  team,
  archived,
});

const status = (
  gid: string,
  parent: string,
  status_type: FakeStatusUpdate['status_type'],
  created_at: string,
) => ({
  gid,
  parent,
  status_type,
  title: status_type,
  created_at,
});

export const DATASET: FakeDataset = {
  me: ADA,
  users: [
    { gid: ADA, name: 'Ada' },
    { gid: GRACE, name: 'Grace' },
    { gid: ALAN, name: 'Alan' },
  ],
  workspaces: [
    { gid: ACME, name: 'Acme Corp', premium: true },
    { gid: SIDE_GIG, name: 'Side Gig', premium: false },
  ],
  teams: [
    { gid: '300', name: 'Engineering', workspace: ACME },
    { gid: '301', name: 'Marketing', workspace: ACME },
  ],
  projects: [
    project(ROADMAP, 'Roadmap 2027', ACME, '300'),
    project(PLATFORM, 'Platform', ACME, '300'),
    project(BRAND, 'Brand Refresh', ACME, '301'),
    project(OLD, 'Old Stuff', ACME, '300', true),
    project(BACKLOG, 'Backlog', ACME, '301'),
    project(SIDE, 'Side Project', SIDE_GIG, null),
    project(SIDE_TOO, 'Side Project Too', SIDE_GIG, null),
  ],
  tasks: [
    ...ROADMAP_TASKS,
    ...PLATFORM_TASKS,
    ...BRAND_TASKS,
    ...BACKLOG_TASKS,
    ...SIDE_TASKS,
    ...SIDE_TOO_TASKS,
  ],
  fields: [
    {
      gid: PRIORITY,
      name: 'Priority',
      options: [
        { gid: '9001', name: 'High', color: 'red' },
        { gid: '9002', name: 'Medium', color: 'yellow' },
        { gid: '9003', name: 'Low', color: 'green' },
      ],
    },
    {
      gid: EFFORT,
      name: 'Effort',
      options: [
        { gid: '9011', name: 'High', color: 'red' },
        { gid: '9012', name: 'Low', color: 'green' },
      ],
    },
  ],
  statusUpdates: [
    status('s1', ROADMAP, 'on_track', '2026-11-06T10:00:00.000Z'),
    status('s3', ROADMAP, 'at_risk', '2026-11-26T10:00:00.000Z'),
    status('s2', ROADMAP, 'off_track', '2026-11-20T10:00:00.000Z'),
    status('s4', PLATFORM, 'off_track', '2026-10-01T10:00:00.000Z'),
    status('s5', PLATFORM, 'on_track', '2026-11-25T10:00:00.000Z'),
    status('s6', BACKLOG, 'on_hold', '2026-11-25T10:00:00.000Z'),
    status('s7', SIDE, 'off_track', '2026-11-25T10:00:00.000Z'),
  ],
};

export function secretsStub(values: Record<string, string | undefined>): SecretResolver {
  return {
    get: (name) => Promise.resolve(values[name]),
    require: (name) => {
      const v = values[name];
      return v === undefined ? Promise.reject(new Error(`secret ${name} is not set`)) : Promise.resolve(v);
    },
  };
}

export function settingsFor(
  baseUrl: string,
  input: { targets?: unknown; options?: Record<string, unknown> } = {},
): AsanaSettings {
  return settingsSchema.parse({
    targets: input.targets ?? [{ workspace: ACME }],
    options: { baseUrl, ...input.options },
  });
}

const NAMES: Record<string, [string, string, string]> = {
  [ROADMAP]: [ACME, 'Acme Corp', 'Roadmap 2027'],
  [PLATFORM]: [ACME, 'Acme Corp', 'Platform'],
  [BRAND]: [ACME, 'Acme Corp', 'Brand Refresh'],
  [BACKLOG]: [ACME, 'Acme Corp', 'Backlog'],
  [SIDE]: [SIDE_GIG, 'Side Gig', 'Side Project'],
  [SIDE_TOO]: [SIDE_GIG, 'Side Gig', 'Side Project Too'],
};

export function contextFor(input: {
  baseUrl: string;
  group: 'tasks' | 'status';
  project: string;
  asOf?: Date;
  token?: string;
  options?: Record<string, unknown>;
}) {
  const [workspaceGid, workspace, name] = NAMES[input.project] ?? [ACME, 'Acme Corp', input.project];
  return unitContext({
    settings: settingsFor(input.baseUrl, input.options ? { options: input.options } : {}),
    group: input.group,
    target: targetOf(workspace, name, workspaceGid, input.project),
    asOf: input.asOf ?? AS_OF,
    secrets: secretsStub({ 'asana/personal-access-token': input.token ?? TOKEN }),
  });
}

/** Points as name → value, for whole-map assertions. */
export function byName(points: readonly { metric: string; value: number }[]): Record<string, number> {
  return Object.fromEntries(points.map((p) => [p.metric, p.value]));
}
