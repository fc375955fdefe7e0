import { githubCollector } from '../../../src/collectors/github';
import { PermanentError } from '../../../src/errors';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { planContext as memoryPlanContext } from '../../../src/collectors/kit/unit-context';
import { planContext, secretsWith, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

/** Targets without change detection: the expansion alone. */
const targets = (t: unknown) =>
  githubCollector.targets(planContext(settings(gh.url, { changeDetection: false }, t)));

describe('github targets', () => {
  it('expands an org into its non-archived repos, with lower-case ids and tags, merged with listed repos', async () => {
    // acme has widgets, empty, gadgets-api, gadgets-web and legacy (archived).
    expect(
      await targets({ repos: ['Acme/Widgets', 'octocat/hello-world'], orgs: [{ name: 'acme' }] }),
    ).toEqual([
      { id: 'acme/empty', tags: { repo: 'acme/empty', org: 'acme' } },
      { id: 'acme/gadgets-api', tags: { repo: 'acme/gadgets-api', org: 'acme' } },
      { id: 'acme/gadgets-web', tags: { repo: 'acme/gadgets-web', org: 'acme' } },
      { id: 'acme/widgets', tags: { repo: 'acme/widgets', org: 'acme' } },
      { id: 'octocat/hello-world', tags: { repo: 'octocat/hello-world', org: 'octocat' } },
    ]);
  });

  it('keeps the repos an org’s include globs match and its exclude globs do not', async () => {
    const ids = (
      await targets({ orgs: [{ name: 'acme', include: ['gadgets-*', 'WIDGETS'], exclude: ['*-web'] }] })
    ).map((t) => t.id);
    expect(ids).toEqual(['acme/gadgets-api', 'acme/widgets']);
  });

  it('expands a user account as well as an organization', async () => {
    expect((await targets({ orgs: [{ name: 'octocat' }] })).map((t) => t.id)).toEqual([
      'octocat/hello-world',
    ]);
  });

  it('fails for good on an unknown org, naming it', async () => {
    await expect(targets({ orgs: [{ name: 'nobody' }] })).rejects.toThrow(PermanentError);
    await expect(targets({ orgs: [{ name: 'nobody' }] })).rejects.toThrow(
      /^organization or user nobody does not exist or the token cannot see it \(404\)/,
    );
  });

  it('calls nothing for listed repos alone without change detection', async () => {
    gh.requests.length = 0;
    expect((await targets({ repos: ['a/b'] })).map((t) => t.id)).toEqual(['a/b']);
    expect(gh.requests).toEqual([]);
  });

  it('fingerprints every repo in one query, for a live cycle only', async () => {
    const live = settings(gh.url, {}, { repos: ['acme/widgets', 'acme/empty'] });
    gh.requests.length = 0;
    const planned = await githubCollector.targets(planContext(live));
    expect(planned.map((t) => [t.id, t.observed])).toEqual([
      // No branch nor PR: the fake's default branch alone (2020-01-01).
      [
        'acme/empty',
        {
          fingerprint: {
            pushedAt: '2020-01-01T00:00:00Z',
            pullUpdatedAt: null,
            branches: 1,
            defaultBranch: 'main',
          },
        },
      ],
      // The newest head main 06-14T11:00, the newest PR update 06-14T00:00, 7 branches, main the
      // default (fixture.ts).
      [
        'acme/widgets',
        {
          fingerprint: {
            pushedAt: '2025-06-14T11:00:00Z',
            pullUpdatedAt: '2025-06-14T00:00:00Z',
            branches: 7,
            defaultBranch: 'main',
          },
        },
      ],
    ]);
    expect(gh.requests.map((r) => [r.operation, r.cost])).toEqual([['fingerprints', 1]]);
    // A backfill reads nothing of the present.
    gh.requests.length = 0;
    const past = await githubCollector.targets({ ...planContext(live), backfill: true });
    expect(past.map((t) => t.observed)).toEqual([undefined, undefined]);
    expect(gh.requests).toEqual([]);
  });

  it('plans without fingerprints when they cannot be read: the units read their repos', async () => {
    const live = settings(gh.url, {}, { repos: ['acme/widgets'] });
    gh.setServerError({ status: 502, path: /^\/graphql/ });
    try {
      const context = memoryPlanContext({ settings: live, asOf: AS_OF, secrets: secretsWith() });
      const planned = await githubCollector.targets(context);
      expect(planned).toEqual([{ id: 'acme/widgets', tags: { repo: 'acme/widgets', org: 'acme' } }]);
      expect(context.log.lines.join('\n')).toMatch(/what changed could not be read/);
    } finally {
      gh.setServerError(null);
    }
  });
});
