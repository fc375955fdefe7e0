/**
 * What a cycle costs: requests follow the runs active in the window, never a project's history. A
 * generated project of 26,000 runs over a year, of which a few dozen touch W, against one of 2,600
 * with the same recent runs: the same requests, 2 + ⌈runs touching W / page size⌉ per project.
 */
import { wandbCollector } from '../../../src/collectors/wandb';
import { windowEnding, WEEK_MS } from '../../../src/collectors/kit/window';
import { generateDataset, startFakeWandb, type FakeProject, type FakeWandb } from '../../../src/fakes/wandb';
import { API_KEY, AS_OF, byName, secretsStub } from './fixture';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { settingsSchema } from '../../../src/collectors/wandb/settings';
import { targetOf } from '../../../src/collectors/wandb/targets';

const ENTITY = 'acme-ml';
const GROUPS = ['counts', 'runs', 'sweeps'] as const;

/** Counted here without the collector: created by asOf, and running or heard from after W's start. */
function touchingW(project: FakeProject): number {
  const w = windowEnding(AS_OF, WEEK_MS);
  const ms = (t: string | null) => (t ? Date.parse(`${t}Z`) : Number.NaN);
  return project.runs.filter(
    (r) =>
      ms(r.createdAt) <= w.end.getTime() && (r.state === 'running' || ms(r.heartbeatAt) > w.start.getTime()),
  ).length;
}

async function cycle(fake: FakeWandb, project: string, pageSize: number) {
  fake.requests.splice(0);
  const settings = settingsSchema.parse({
    targets: [{ entity: ENTITY, projects: [project] }],
    options: { baseUrl: fake.url, pageSize },
  });
  const points = [];
  for (const group of GROUPS) {
    points.push(
      ...(await wandbCollector.collect(
        unitContext({
          settings,
          group,
          target: targetOf(`${ENTITY}/${project}`),
          asOf: AS_OF,
          secrets: secretsStub({ 'wandb/api-key': API_KEY }),
        }),
      )),
    );
  }
  return { requests: fake.requests.length, points: byName(points) };
}

describe('cost of a cycle', () => {
  // Same seed and the same 45 recent runs (3 of them long-running); history 2,555 vs 25,955.
  const dataset = generateDataset({
    now: AS_OF,
    seed: 3,
    entity: ENTITY,
    projects: [
      { name: 'short-history', runs: 2600, recent: 45 },
      { name: 'long-history', runs: 26_000, recent: 45 },
    ],
  });
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await startFakeWandb({ dataset, apiKey: API_KEY });
  });
  afterAll(() => fake.close());

  it.each([100, 10])('is 2 + ⌈runs touching W / %i⌉ requests, whatever the history', async (pageSize) => {
    const costs = [];
    for (const project of dataset.projects) {
      const touching = touchingW(project);
      // A few dozen: the recent runs, the long-running ones, and history runs that ended in W.
      expect(touching).toBeGreaterThan(20);
      expect(touching).toBeLessThan(100);
      const { requests, points } = await cycle(fake, project.name, pageSize);
      expect([project.name, requests]).toEqual([project.name, 2 + Math.ceil(touching / pageSize)]);
      expect(points['wandb.runs.total_7d']).toBeGreaterThan(0);
      costs.push(requests);
    }
    // The 26,000-run project costs what the 2,600-run one does, give or take the history runs that
    // happen to end in W.
    expect(Math.abs(costs[1]! - costs[0]!)).toBeLessThanOrEqual(1);
  });
});
