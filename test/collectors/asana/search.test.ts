/**
 * Blocked tasks past one search page: search has no offset paging, so the collector reads the
 * workspace's blocked tasks oldest first, each page after the last one's created_at. And the fields
 * it asks of the task listing are all in the endpoint's documented opt_fields.
 */
import { asanaCollector } from '../../../src/collectors/asana';
import { TASK_FIELDS } from '../../../src/collectors/asana/tasks-group';
import { targetOf } from '../../../src/collectors/asana/targets';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { startFakeAsana, type FakeDataset, type FakeTask } from '../../../src/fakes/asana';
import { AS_OF, TOKEN, secretsStub, settingsFor } from './fixture';

const base = Date.parse('2026-11-01T00:00:00Z');
const task = (gid: string, project: string, createdMs: number, dependencies: string[] = []): FakeTask => ({
  gid,
  name: gid,
  resource_subtype: 'default_task',
  created_at: new Date(createdMs).toISOString(),
  completed: false,
  completed_at: null,
  due_on: null,
  due_at: null,
  assignee: null,
  projects: [project],
  parent: null,
  dependencies,
  custom: {},
});

// 150 open tasks of "Waiting" (two created in each millisecond), each blocked by an open task of
// "Blockers": none of them settled by Waiting's listing.
const DATASET: FakeDataset = {
  me: '1',
  users: [{ gid: '1', name: 'Ada' }],
  workspaces: [{ gid: '10', name: 'Big', premium: true }],
  teams: [],
  projects: [
    { gid: '20', name: 'Waiting', workspace: '10', team: null, archived: false },
    { gid: '21', name: 'Blockers', workspace: '10', team: null, archived: false },
  ],
  tasks: [
    ...Array.from({ length: 150 }, (_, i) => task(`w${i}`, '20', base + Math.floor(i / 2), [`b${i}`])),
    ...Array.from({ length: 150 }, (_, i) => task(`b${i}`, '21', base)),
  ],
  fields: [],
  statusUpdates: [],
};

it('counts 150 blocked tasks over two search pages, losing none created in the same millisecond', async () => {
  const fake = await startFakeAsana({ dataset: DATASET, token: TOKEN });
  try {
    const ctx = unitContext({
      settings: settingsFor(fake.url, { targets: [{ workspace: '10' }] }),
      group: 'tasks',
      target: targetOf('Big', 'Waiting', '10', '20'),
      asOf: AS_OF,
      secrets: secretsStub({ 'asana/personal-access-token': TOKEN }),
    });
    const points = await asanaCollector.collect(ctx);
    expect(points.find((p) => p.metric === 'asana.tasks.blocked')?.value).toBe(150);
    // The listing's two pages, then the search: 100 tasks, then from the 100th's millisecond on
    // (w98 and w99 again, and the last 50).
    expect(fake.requests.map((r) => [r.path, r.query['created_at.after'] ?? null])).toEqual([
      ['/projects/20/tasks', null],
      ['/projects/20/tasks', null],
      ['/workspaces/10/tasks/search', null],
      ['/workspaces/10/tasks/search', new Date(base + 49 - 1).toISOString()],
    ]);
  } finally {
    await fake.close();
  }
});

/**
 * The opt_fields values `GET /projects/{project_gid}/tasks` documents (getTasksForProject in
 * defs/asana_oas.yaml of github.com/Asana/openapi) that the collector may use.
 */
const DOCUMENTED = new Set([
  'assignee',
  'assignee.name',
  'completed',
  'completed_at',
  'created_at',
  'custom_fields',
  'custom_fields.enum_value',
  'custom_fields.enum_value.name',
  'custom_fields.name',
  'custom_fields.resource_subtype',
  'custom_fields.type',
  'dependencies',
  'dependents',
  'due_at',
  'due_on',
  'memberships.project',
  'num_subtasks',
  'parent',
  'resource_subtype',
]);

it('asks the task listing only for documented fields', () => {
  expect(TASK_FIELDS.split(',').filter((f) => !DOCUMENTED.has(f))).toEqual([]);
});
