/** The fake Asana follows the API's documented behaviour, so the collector's tests mean something. */
import { generateDataset, startFakeAsana, type FakeAsana } from '../../../src/fakes/asana';
import { AS_OF, BACKLOG, DATASET, ROADMAP, SIDE_GIG, TOKEN } from './fixture';

let fake: FakeAsana;
beforeAll(async () => {
  fake = await startFakeAsana({ dataset: DATASET, token: TOKEN });
});
afterAll(() => fake.close());

async function get(path: string, token = TOKEN) {
  const res = await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { data: Record<string, unknown>[] },
  };
}

it('sends gid and exactly the fields asked for; next_page only when limit is sent', async () => {
  const paged = await get(`/projects/${ROADMAP}/tasks?opt_fields=due_on,assignee.name&limit=2`);
  expect(paged.body.data).toEqual([
    { gid: 't1', due_on: null, assignee: { gid: '11', name: 'Ada' } },
    { gid: 't2', due_on: '2026-11-26', assignee: null },
  ]);
  expect(paged.body.next_page).toEqual({
    offset: expect.any(String),
    path: expect.stringContaining(`/projects/${ROADMAP}/tasks?`),
    uri: expect.stringContaining(fake.url),
  });
  const whole = await get(`/projects/${ROADMAP}/tasks`);
  expect('next_page' in whole.body).toBe(false);
  // Without opt_fields: the compact form.
  expect(whole.body.data[0]).toEqual({
    gid: 't1',
    resource_type: 'task',
    name: 'task t1',
    resource_subtype: 'default_task',
  });
});

it('gives dependencies as gids only, and refuses a field the resource lacks', async () => {
  const ok = await get(`/projects/${ROADMAP}/tasks?opt_fields=dependencies&limit=100`);
  expect(ok.body.data.find((t) => t.gid === 't6')).toEqual({
    gid: 't6',
    dependencies: [{ gid: 't1', resource_type: 'task' }],
  });
  const bad = await get(`/projects/${ROADMAP}/tasks?opt_fields=dependencies.completed&limit=100`);
  expect([bad.status, bad.body.errors]).toEqual([
    400,
    [{ message: 'opt_fields: Unknown field "dependencies.completed"', help: expect.any(String) }],
  ]);
});

it('filters by completed_since, and pages with offsets bound to their list', async () => {
  const open = await get(`/projects/${BACKLOG}/tasks?completed_since=now&limit=100&opt_fields=completed`);
  expect(open.body.data.every((t) => t.completed === false)).toBe(true);
  const first = await get(`/projects/${BACKLOG}/tasks?limit=100`);
  const offset = (first.body.next_page as { offset: string }).offset;
  const other = await get(`/projects/${ROADMAP}/tasks?limit=100&offset=${offset}`);
  expect(other.status).toBe(400);
  expect((await get(`/projects/${BACKLOG}/tasks?limit=101`)).status).toBe(400);
  expect((await get(`/projects/${BACKLOG}/tasks?limit=0`)).status).toBe(400);
});

it('refuses GET /tasks without exactly one filter, premium routes of a free workspace, and a bad token', async () => {
  expect((await get(`/tasks?workspace=100`)).body.errors).toEqual([
    {
      message: 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
      help: expect.any(String),
    },
  ]);
  expect((await get(`/tasks?project=${ROADMAP}&limit=1`)).status).toBe(200);
  expect((await get(`/workspaces/${SIDE_GIG}/tasks/search`)).status).toBe(402);
  expect((await get('/users/me', 'nope')).status).toBe(401);
});

it('generates the same workspace for the same seed and instant', () => {
  const a = generateDataset({ now: AS_OF, seed: 3 });
  expect(generateDataset({ now: AS_OF, seed: 3 })).toEqual(a);
  const overdue = a.tasks.filter((t) => !t.completed && t.due_on !== null && t.due_on < '2026-11-27');
  const blocked = a.tasks.filter((t) => !t.completed && t.dependencies.length > 0);
  expect([overdue.length > 0, blocked.length > 0, a.statusUpdates.length > 0]).toEqual([true, true, true]);
  expect(a.tasks.every((t) => Date.parse(t.created_at) <= AS_OF.getTime())).toBe(true);
});
