/**
 * A cycle's cost follows the work in flight, not the project's history: generated projects of 2,000
 * and 20,000 tasks with the same open tasks and the same completions a week (the larger one over ten
 * years) cost the same pages, ⌈(open + completed since the window start) / 100⌉.
 */
import { asanaCollector } from '../../../src/collectors/asana';
import { targetOf } from '../../../src/collectors/asana/targets';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { generateDataset, startFakeAsana, type FakeAsana, type FakeDataset } from '../../../src/fakes/asana';
import { AS_OF, TOKEN, secretsStub, settingsFor } from './fixture';

const SIZES = [
  { name: 'small', tasks: 2000, open: 200, days: 365 },
  // 19,800 completions over 4,015 days: 34.5 a week, as 1,800 over 365.
  { name: 'large', tasks: 20_000, open: 200, days: 4015 },
];

let dataset: FakeDataset;
let fake: FakeAsana;
beforeAll(async () => {
  dataset = generateDataset({
    now: AS_OF,
    seed: 5,
    projects: SIZES.map((s) => ({ ...s, subtasks: false })),
  });
  fake = await startFakeAsana({ dataset, token: TOKEN });
});
afterAll(() => fake.close());

test.each(SIZES.map((s, i) => [s.name, i] as const))(
  '%s project: the listing’s pages, whatever its history',
  async (_name, i) => {
    const workspace = dataset.workspaces[0]!;
    const project = dataset.projects[i]!;
    const since = new Date(AS_OF.getTime() - 7 * 86_400_000).toISOString();
    const listed = dataset.tasks.filter(
      (t) => t.projects.includes(project.gid) && (!t.completed || (t.completed_at ?? '') >= since),
    ).length;
    fake.requests.splice(0);
    await asanaCollector.collect(
      unitContext({
        settings: settingsFor(fake.url, { targets: [{ workspace: workspace.gid }] }),
        group: 'tasks',
        target: targetOf(workspace.name, project.name, workspace.gid, project.gid),
        asOf: AS_OF,
        secrets: secretsStub({ 'asana/personal-access-token': TOKEN }),
      }),
    );
    const pages = fake.requests.filter((r) => r.path === `/projects/${project.gid}/tasks`).length;
    // About 235 listed of 2,000 or of 20,000: 3 pages either way.
    expect([listed > 200, listed < 300, pages]).toEqual([true, true, Math.ceil(listed / 100)]);
    // Dependencies outside the listing: at most one search page here, or two look-ups.
    expect(fake.requests.length - pages).toBeLessThanOrEqual(2);
  },
);
