/**
 * The cycle's targets: a workspace's non-archived projects, or its teams', filtered by name globs, or
 * named project gids; ids are gids, names become tag values.
 */
import { asanaCollector } from '../../../src/collectors/asana';
import { tagValue } from '../../../src/collectors/asana/targets';
import { planContext } from '../../../src/collectors/kit/unit-context';
import { PermanentError } from '../../../src/errors';
import { startFakeAsana, type FakeAsana } from '../../../src/fakes/asana';
import {
  ACME,
  AS_OF,
  BACKLOG,
  BRAND,
  DATASET,
  OLD,
  PLATFORM,
  ROADMAP,
  SIDE,
  TOKEN,
  secretsStub,
  settingsFor,
} from './fixture';

let fake: FakeAsana;
beforeAll(async () => {
  fake = await startFakeAsana({ dataset: DATASET, token: TOKEN });
});
afterAll(() => fake.close());
beforeEach(() => fake.requests.splice(0));

const plan = (targets: unknown) =>
  planContext({
    settings: settingsFor(fake.url, { targets }),
    secrets: secretsStub({ 'asana/personal-access-token': TOKEN }),
    asOf: AS_OF,
  });

it('takes every non-archived project of the workspace, with its names as tags', async () => {
  const ctx = plan([{ workspace: ACME }]);
  expect(await asanaCollector.targets(ctx)).toEqual([
    { id: `100/${ROADMAP}`, tags: { workspace: 'acme_corp', project: 'roadmap_2027', project_gid: ROADMAP } },
    { id: `100/${PLATFORM}`, tags: { workspace: 'acme_corp', project: 'platform', project_gid: PLATFORM } },
    { id: `100/${BRAND}`, tags: { workspace: 'acme_corp', project: 'brand_refresh', project_gid: BRAND } },
    { id: `100/${BACKLOG}`, tags: { workspace: 'acme_corp', project: 'backlog', project_gid: BACKLOG } },
  ]);
  // The workspace's name, then one page of its projects.
  expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
    [`/workspaces/${ACME}`, { opt_fields: 'name' }],
    [
      '/projects',
      { workspace: ACME, archived: 'false', opt_fields: 'name,archived,workspace', limit: '100' },
    ],
  ]);
});

it('takes a team’s projects that pass the globs', async () => {
  const ids = async (target: Record<string, unknown>) =>
    (await asanaCollector.targets(plan([{ workspace: ACME, ...target }]))).map((t) => t.id);
  expect(await ids({ teams: ['301'] })).toEqual([`100/${BRAND}`, `100/${BACKLOG}`]);
  expect(await ids({ teams: ['301'], include: ['b*'], exclude: ['*LOG'] })).toEqual([`100/${BRAND}`]);
  expect(await ids({ include: ['?latform', 'road*'] })).toEqual([`100/${ROADMAP}`, `100/${PLATFORM}`]);
});

it('takes named projects one by one, leaving an archived one out with a warning', async () => {
  const ctx = plan([{ workspace: ACME, projects: [PLATFORM, OLD] }]);
  expect((await asanaCollector.targets(ctx)).map((t) => t.id)).toEqual([`100/${PLATFORM}`]);
  expect(ctx.log.lines.join('\n')).toContain('an archived Asana project is left out');
});

it('refuses a named project of another workspace', async () => {
  const err = await asanaCollector
    .targets(plan([{ workspace: ACME, projects: [SIDE] }]))
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PermanentError);
  expect((err as Error).message).toContain('Asana project 2001 (Side Project) is in workspace 200, not 100');
});

it('fails planning on an unknown workspace, naming it', async () => {
  const err = await asanaCollector.targets(plan([{ workspace: '777' }])).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PermanentError);
  expect((err as Error).message).toContain('workspace 777 with HTTP 404');
});

it('turns names into tag values Datadog keeps as they are', () => {
  expect(tagValue('Roadmap 2027', '1')).toBe('roadmap_2027');
  expect(tagValue('Q4 Launch — Mobile (iOS)', '1')).toBe('q4_launch_mobile_ios');
  expect(tagValue('Équipe Données', '1')).toBe('équipe_données');
  expect(tagValue('🚀🚀', '42')).toBe('42');
});

it('describes the token’s user for doctor', async () => {
  const text = await asanaCollector.probe(plan([{ workspace: ACME }, { workspace: '777' }]));
  expect(text).toBe(
    `Asana at ${fake.url}: the token belongs to Ada, workspaces Acme Corp, Side Gig; NOT a member of configured workspace 777`,
  );
});
