import { githubCollector } from '../../../src/collectors/github';
import { PermanentError } from '../../../src/errors';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { planContext, settings, TOKEN } from './context';
import { fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

const targets = (t: unknown) => githubCollector.targets(planContext(settings(gh.url, {}, t)));

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

  it('calls nothing for listed repos alone', async () => {
    gh.requests.length = 0;
    expect((await targets({ repos: ['a/b'] })).map((t) => t.id)).toEqual(['a/b']);
    expect(gh.requests).toEqual([]);
  });
});
