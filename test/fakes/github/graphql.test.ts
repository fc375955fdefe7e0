/** The fake's GraphQL side: queries validated against GitHub's published schema, GitHub's rules and error shapes. */
import { parse, validate } from 'graphql';
import { BRANCHES_QUERY } from '../../../src/collectors/github/branches';
import { COMMITS_QUERY } from '../../../src/collectors/github/commits/query';
import { DETAILS_QUERY } from '../../../src/collectors/github/pulls/details';
import { PULLS_QUERY } from '../../../src/collectors/github/pulls/query';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { githubSchema } from '../../../src/fakes/github/graphql/schema';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({
    dataset: {
      repos: [
        {
          owner: 'acme',
          name: 'api',
          pulls: [
            {
              number: 1,
              author: 'dependabot[bot]',
              createdAt: '2025-06-01T00:00:00Z',
              updatedAt: '2025-06-01T00:00:00Z',
            },
            {
              number: 2,
              author: 'alice',
              createdAt: '2025-06-02T00:00:00Z',
              updatedAt: '2025-06-03T00:00:00Z',
            },
          ],
        },
        { owner: 'acme', name: 'hidden', graphqlNull: true },
      ],
    },
  });
});
afterAll(() => gh.close());

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${gh.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    remaining: res.headers.get('x-ratelimit-remaining'),
    body: (await res.json()) as { data?: unknown; errors: { message: string; type?: string }[] },
  };
}

describe('fake GitHub GraphQL', () => {
  it.each([
    ['PullRequests', PULLS_QUERY],
    ['PullRequestComments', DETAILS_QUERY],
    ['DefaultBranchCommits', COMMITS_QUERY],
    ['Branches', BRANCHES_QUERY],
  ])('accepts the collector’s %s query: valid against @octokit/graphql-schema', (_name, query) => {
    expect(validate(githubSchema(), parse(query))).toEqual([]);
  });

  it('rejects a query the schema does not allow, with HTTP 200 and an errors list', async () => {
    const { status, body } = await graphql('{ repository(owner: "acme", name: "api") { stars } }');
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      { message: 'Cannot query field "stars" on type "Repository".', locations: [{ line: 1, column: 44 }] },
    ]);
  });

  it('answers a valid query from the dataset, showing bots as Bot actors without the suffix', async () => {
    const { body } = await graphql(
      'query { repository(owner: "acme", name: "api") { pullRequests(first: 10) { totalCount nodes { number author { __typename login } } } } }',
    );
    expect(body).toEqual({
      data: {
        repository: {
          pullRequests: {
            totalCount: 2,
            nodes: [
              { number: 1, author: { __typename: 'Bot', login: 'dependabot' } },
              { number: 2, author: { __typename: 'User', login: 'alice' } },
            ],
          },
        },
      },
    });
  });

  it('enforces first/last: required for nodes, at most 100', async () => {
    const q = (args: string) =>
      `{ repository(owner: "acme", name: "api") { pullRequests${args} { nodes { number } } } }`;
    expect((await graphql(q(''))).body.errors[0]?.message).toBe(
      'You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.',
    );
    expect((await graphql(q('(first: 101)'))).body.errors[0]?.message).toBe(
      'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.',
    );
    // totalCount alone needs no bound.
    expect(
      (await graphql('{ repository(owner: "acme", name: "api") { pullRequests { totalCount } } }')).body,
    ).toEqual({
      data: { repository: { pullRequests: { totalCount: 2 } } },
    });
  });

  it('answers an unknown repository with a NOT_FOUND error and null data', async () => {
    const { body } = await graphql('{ repository(owner: "acme", name: "nope") { name } }');
    expect(body.data).toEqual({ repository: null });
    expect(body.errors[0]).toMatchObject({
      type: 'NOT_FOUND',
      path: ['repository'],
      message: "Could not resolve to a Repository with the name 'acme/nope'.",
    });
  });

  it('answers a repository marked graphqlNull with null data and no error', async () => {
    const { body } = await graphql('{ repository(owner: "acme", name: "hidden") { name } }');
    expect(body).toEqual({ data: { repository: null } });
  });

  it('charges GitHub’s score: one point per 100 connection pages, multiplied through parents', async () => {
    gh.requests.length = 0;
    // 1 (pullRequests) + 100 × 1 (reviews of each PR) = 101 requests → 1 point; 100 × 100 review
    // comments more → 10,101 → 101 points.
    await graphql(
      '{ repository(owner: "acme", name: "api") { pullRequests(first: 100) { nodes { reviews(first: 100) { totalCount } } } } }',
    );
    await graphql(
      '{ repository(owner: "acme", name: "api") { pullRequests(first: 100) { nodes { reviews(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }',
    );
    expect(gh.requests.map((r) => r.cost)).toEqual([1, 101]);
  });

  it('answers a spent GraphQL limit with 200 and a RATE_LIMITED error', async () => {
    gh.setRateLimit({ resource: 'graphql', remaining: 0 });
    const { status, remaining, body } = await graphql('{ rateLimit { remaining } }');
    expect([status, remaining]).toEqual([200, '0']);
    expect(body.errors).toEqual([
      { type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' },
    ]);
    gh.setRateLimit({ resource: 'graphql', remaining: 5000 });
  });
});
