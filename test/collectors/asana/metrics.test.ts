/**
 * Every Asana metric on the hand-made workspace of fixture.ts, against the fake Asana (which
 * evaluates completed_since and opt_fields for real). asOf 2026-11-27T12:00Z,
 * W = (11-20T12:00Z, 11-27T12:00Z].
 */
import { asanaCollector } from '../../../src/collectors/asana';
import { TASK_FIELDS } from '../../../src/collectors/asana/tasks-group';
import { startFakeAsana, type FakeAsana } from '../../../src/fakes/asana';
import {
  BACKLOG,
  BRAND,
  DATASET,
  PLATFORM,
  ROADMAP,
  SIDE,
  SIDE_TOO,
  TOKEN,
  byName,
  contextFor,
} from './fixture';

let fake: FakeAsana;
beforeAll(async () => {
  fake = await startFakeAsana({ dataset: DATASET, token: TOKEN });
});
afterAll(() => fake.close());
beforeEach(() => fake.requests.splice(0));

const run = (
  group: 'tasks' | 'status',
  project: string,
  extra: { asOf?: Date; options?: Record<string, unknown> } = {},
) => {
  const ctx = contextFor({ baseUrl: fake.url, group, project, ...extra });
  return { ctx, points: asanaCollector.collect(ctx) };
};
const collect = async (group: 'tasks' | 'status', project: string, extra = {}) =>
  byName(await run(group, project, extra).points);

describe('group tasks', () => {
  it('computes every task and milestone metric of a project', async () => {
    expect(await collect('tasks', ROADMAP)).toEqual({
      // Open at asOf: t1–t7, t9, t10, t17, t18, and t16 (completed after the slot); not t15
      // (created after it), nor t8, t12–t14 (completed by asOf), nor milestones.
      'asana.tasks.open': 12,
      // t2 (due yesterday) and t4 (due an hour ago); t3 is due today, t5 in an hour.
      'asana.tasks.overdue': 2,
      // Created in W: t2, t13, t14, t17 (m1 is a milestone, t15 after the slot, t8 and t12 before W).
      'asana.tasks.created_7d': 4,
      // Completed in W: t8, t13, t14 (at asOf, included); t12 at the start of W is not, nor t16
      // after the slot, nor the milestone m6.
      'asana.tasks.completed_7d': 3,
      // 3 / (3 + 12) × 100.
      'asana.tasks.completion_rate_7d': 20,
      // t8 3 d, t13 2 d, t14 1 d → 2.
      'asana.tasks.avg_time_to_complete_days': 2,
      // t2, t5, t17.
      'asana.tasks.unassigned': 3,
      // t6 (t1 open, in the listing) and t9 (p1 of Platform, open: looked up); t7's t8 is done,
      // t10's t11 was done in October (looked up).
      'asana.tasks.blocked': 2,
      // t1, t7, t17 (t15 is not open at asOf; t4's "High" is Effort's).
      'asana.tasks.high_priority': 3,
      'asana.tasks.medium_priority': 1, // t2
      'asana.tasks.low_priority': 2, // t3, t16
      // Assignees of t8 (grace) and t14 (ada); t13 has none.
      'asana.users.active_7d': 2,
      // m1 (in 8 days), m3 (today), m4 (the 14th day); m5 is beyond, m7 has no date.
      'asana.milestones.upcoming': 3,
      'asana.milestones.overdue': 1, // m2
    });
    // One page of the listing, then the dependencies of t9 and t10 (the two it could not settle).
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      [`/projects/${ROADMAP}/tasks`, 200],
      ['/tasks/t9/dependencies', 200],
      ['/tasks/t10/dependencies', 200],
    ]);
    expect(fake.requests[0]!.query).toEqual({
      completed_since: '2026-11-20T12:00:00.000Z',
      opt_fields: TASK_FIELDS,
      limit: '100',
    });
  });

  it('gives a past asOf its own window', async () => {
    const points = await collect('tasks', ROADMAP, { asOf: new Date('2026-11-24T12:00:00Z') });
    // W = (11-17T12:00, 11-24T12:00], completed_since 11-17T12:00.
    expect(fake.requests[0]!.query.completed_since).toBe('2026-11-17T12:00:00.000Z');
    expect({
      created: points['asana.tasks.created_7d'],
      completed: points['asana.tasks.completed_7d'],
      avg: points['asana.tasks.avg_time_to_complete_days'],
      users: points['asana.users.active_7d'],
    }).toEqual({
      // t8 (11-18), t12 (11-19), t13 (11-22), t17 (11-23); t2 and t14 came later.
      created: 4,
      // t8 (11-21), t12 (11-20), t13 (11-24T00:00); t14 came later.
      completed: 3,
      // t8 3 d, t12 1 d, t13 2 d.
      avg: 2,
      // grace (t8), alan (t12).
      users: 2,
    });
  });

  it('reads past one page, 100 tasks a page', async () => {
    expect(await collect('tasks', BACKLOG)).toEqual({
      'asana.tasks.open': 250,
      'asana.tasks.overdue': 0,
      'asana.tasks.created_7d': 0,
      'asana.tasks.completed_7d': 3,
      // 3 / 253 × 100.
      'asana.tasks.completion_rate_7d': (3 / 253) * 100,
      // Created 11-10, completed 11-25: 15 days each.
      'asana.tasks.avg_time_to_complete_days': 15,
      'asana.tasks.unassigned': 0,
      'asana.tasks.blocked': 0,
      'asana.tasks.high_priority': 0,
      'asana.tasks.medium_priority': 0,
      'asana.tasks.low_priority': 0,
      'asana.users.active_7d': 1,
      'asana.milestones.upcoming': 0,
      'asana.milestones.overdue': 0,
    });
    // 253 listed: 100 + 100 + 53, each page after the first with the offset the last one gave.
    expect(fake.requests.map((r) => [r.path, r.status, r.query.offset !== undefined])).toEqual([
      [`/projects/${BACKLOG}/tasks`, 200, false],
      [`/projects/${BACKLOG}/tasks`, 200, true],
      [`/projects/${BACKLOG}/tasks`, 200, true],
    ]);
  });

  it('leaves blocked absent in a free workspace (402 on dependencies), with one log line per cycle', async () => {
    const first = run('tasks', SIDE);
    expect(byName(await first.points)).toEqual({
      // f1 and f2; f3 was completed in September.
      'asana.tasks.open': 2,
      'asana.tasks.overdue': 0,
      'asana.tasks.created_7d': 0,
      'asana.tasks.completed_7d': 0,
      // 0 / (0 + 2): a share of something, so 0.
      'asana.tasks.completion_rate_7d': 0,
      'asana.tasks.unassigned': 1, // f2
      'asana.tasks.high_priority': 0,
      'asana.tasks.medium_priority': 0,
      'asana.tasks.low_priority': 0,
      'asana.users.active_7d': 0,
      'asana.milestones.upcoming': 0,
      'asana.milestones.overdue': 0,
    });
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      [`/projects/${SIDE}/tasks`, 200],
      ['/tasks/f1/dependencies', 402],
    ]);
    const warned = (lines: string[]) => lines.filter((l) => l.includes('asana.tasks.blocked is absent'));
    expect(warned(first.ctx.log.lines)).toEqual([
      expect.stringContaining('Task dependencies are only available to premium users.'),
    ]);
    // The same cycle's next unit of that workspace (a retry, another worker's share) says it no more.
    const again = run('tasks', SIDE);
    await again.points;
    expect(warned(again.ctx.log.lines)).toEqual([]);
  });

  it('leaves blocked absent when the free workspace refuses the search too (402)', async () => {
    const points = await collect('tasks', SIDE_TOO);
    // g1–g3 wait on f3, outside the listing: three to settle, so the search, which answers 402.
    expect(points['asana.tasks.open']).toBe(3);
    expect('asana.tasks.blocked' in points).toBe(false);
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      [`/projects/${SIDE_TOO}/tasks`, 200],
      ['/workspaces/200/tasks/search', 402],
    ]);
  });

  it('settles more than two dependencies outside the listing by the workspace’s search, once a cycle', async () => {
    const points = await collect('tasks', PLATFORM);
    // p5 waits on p1 (open, in the listing); of p2 (t11, done), p3 (t1, open) and p4 (t13, done),
    // only p3 is blocked: the search finds t6, t9, p3 and p5, of which p3 was to settle.
    expect(points['asana.tasks.blocked']).toBe(2);
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      [`/projects/${PLATFORM}/tasks`, 200],
      ['/workspaces/100/tasks/search', 200],
    ]);
    expect(fake.requests[1]!.query).toEqual({
      is_blocked: 'true',
      completed: 'false',
      sort_by: 'created_at',
      sort_ascending: 'true',
      opt_fields: 'created_at',
      limit: '100',
    });
    // Another unit of the same cycle uses the same search: Roadmap's t9 is in it, t10 is not.
    fake.requests.splice(0);
    expect((await collect('tasks', ROADMAP))['asana.tasks.blocked']).toBe(2);
    expect(fake.requests.map((r) => r.path)).toEqual([`/projects/${ROADMAP}/tasks`]);
    // Another cycle searches again.
    fake.requests.splice(0);
    await collect('tasks', PLATFORM, { asOf: new Date('2026-11-27T18:00:00Z') });
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/projects/${PLATFORM}/tasks`,
      '/workspaces/100/tasks/search',
    ]);
  });

  it('reads the priority field and levels the options name', async () => {
    const points = await collect('tasks', ROADMAP, {
      options: { priority: { field: 'effort', high: ['HIGH'], medium: ['nothing'], low: ['low'] } },
    });
    // Only t4 has an Effort value (High).
    expect([
      points['asana.tasks.high_priority'],
      points['asana.tasks.medium_priority'],
      points['asana.tasks.low_priority'],
    ]).toEqual([1, 0, 0]);
  });
});

describe('group status', () => {
  it('reports the latest status update, one request', async () => {
    expect(await collect('status', ROADMAP)).toEqual({
      // s3 (11-26, at_risk) is newer than s2 (off_track) and s1 (on_track).
      'asana.projects.active': 1,
      'asana.projects.on_track': 0,
      'asana.projects.at_risk': 1,
      'asana.projects.off_track': 0,
    });
    expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
      ['/status_updates', { parent: ROADMAP, limit: '1', opt_fields: 'status_type,created_at' }],
    ]);
    expect((await collect('status', PLATFORM))['asana.projects.on_track']).toBe(1);
  });

  it('counts a project without status updates as active and none of the three', async () => {
    expect(await collect('status', BRAND)).toEqual({
      'asana.projects.active': 1,
      'asana.projects.on_track': 0,
      'asana.projects.at_risk': 0,
      'asana.projects.off_track': 0,
    });
  });

  it('counts on_hold as none of the three', async () => {
    expect(await collect('status', BACKLOG)).toEqual({
      'asana.projects.active': 1,
      'asana.projects.on_track': 0,
      'asana.projects.at_risk': 0,
      'asana.projects.off_track': 0,
    });
  });
});
