/**
 * The fixture with acme's other two repositories given a little data, for the organization roll-up:
 * acme/widgets as in fixture.ts, acme/gadgets-api and acme/gadgets-web below. Values are chosen so
 * that the organization's medians, percentiles, shares and distinct developers are none of the
 * repositories' own, nor any average of them (derivations in org.test.ts).
 */
import type { FakeCommit, FakeDataset, FakeRepo, FakeRun } from '../../../src/fakes/github';
import { fixture } from './fixture';
import { d } from './fixture-time';

const commit = (sha: string, login: string, committed: string): FakeCommit => ({
  sha: sha.padEnd(40, '0'),
  message: `Change ${sha}`,
  author: { name: login, email: `${login}@example.com`, login },
  authoredAt: d(committed),
  committedAt: d(committed),
  additions: 1,
  deletions: 1,
  files: 1,
});

const run = (id: number, conclusion: string, started: string, updated: string): FakeRun => ({
  id,
  workflowId: 1,
  branch: 'main',
  event: 'push',
  status: 'completed',
  conclusion,
  createdAt: d(started),
  startedAt: d(started),
  updatedAt: d(updated),
  attempt: 1,
});

const workflows = [{ id: 1, name: 'Tests', path: '.github/workflows/tests.yml' }];

export const gadgetsApi: FakeRepo = {
  owner: 'acme',
  name: 'gadgets-api',
  pulls: [
    // Merged after 1 h, reviewed by bob after 30 min, 1 comment.
    {
      number: 1,
      author: 'alice',
      createdAt: d('06-14T00:00'),
      updatedAt: d('06-14T01:00'),
      mergedAt: d('06-14T01:00'),
      closedAt: d('06-14T01:00'),
      comments: [{ author: 'carol', at: d('06-14T00:10') }],
      reviews: [{ author: 'bob', at: d('06-14T00:30'), state: 'APPROVED' }],
    },
    // Merged after 2 h, never reviewed, no comment.
    {
      number: 2,
      author: 'dave',
      createdAt: d('06-13T00:00'),
      updatedAt: d('06-13T02:00'),
      mergedAt: d('06-13T02:00'),
      closedAt: d('06-13T02:00'),
    },
  ],
  // alice (also a widgets developer) and dave.
  commits: [commit('a1', 'alice', '06-14T09:00'), commit('a2', 'dave', '06-13T09:00')],
  workflows,
  // Two successes of 5 and 15 minutes.
  runs: [
    run(101, 'success', '06-14T10:00', '06-14T10:05'),
    run(102, 'success', '06-13T10:00', '06-13T10:15'),
  ],
};

export const gadgetsWeb: FakeRepo = {
  owner: 'acme',
  name: 'gadgets-web',
  pulls: [
    // Merged after 10 h, reviewed by alice after 1 h, 2 comments.
    {
      number: 1,
      author: 'erin',
      createdAt: d('06-10T00:00'),
      updatedAt: d('06-10T10:00'),
      mergedAt: d('06-10T10:00'),
      closedAt: d('06-10T10:00'),
      comments: [
        { author: 'alice', at: d('06-10T02:00') },
        { author: 'erin', at: d('06-10T03:00') },
      ],
      reviews: [{ author: 'alice', at: d('06-10T01:00'), state: 'COMMENTED' }],
    },
    // Opened before W, merged in W after 200 h (8 d 8 h), reviewed by erin after 5 h.
    {
      number: 2,
      author: 'bob',
      createdAt: d('06-06T00:00'),
      updatedAt: d('06-14T08:00'),
      mergedAt: d('06-14T08:00'),
      closedAt: d('06-14T08:00'),
      reviews: [{ author: 'erin', at: d('06-06T05:00'), state: 'APPROVED' }],
    },
  ],
  // bob (also a widgets developer) once, erin twice.
  commits: [
    commit('b1', 'bob', '06-14T09:00'),
    commit('b2', 'erin', '06-13T09:00'),
    commit('b3', 'erin', '06-12T09:00'),
  ],
  workflows,
  // A failure of 45 minutes and a success of 25.
  runs: [
    run(201, 'failure', '06-14T10:00', '06-14T10:45'),
    run(202, 'success', '06-13T10:00', '06-13T10:25'),
  ],
};

/** fixture.ts with gadgets-api and gadgets-web filled in. */
export const orgFixture: FakeDataset = {
  ...fixture,
  repos: fixture.repos.map((r) =>
    r.owner === 'acme' && r.name === 'gadgets-api'
      ? gadgetsApi
      : r.owner === 'acme' && r.name === 'gadgets-web'
        ? gadgetsWeb
        : r,
  ),
};
