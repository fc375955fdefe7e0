/**
 * The dataset as GitHub's GraphQL objects. graphql-js calls function-valued fields with their
 * arguments, so each object carries its connections as functions; `__typename` picks the concrete
 * type of interfaces (Actor, GitObject, Node).
 */
import { GraphQLError } from 'graphql';
import type { FakeCommit, FakeRepo } from '../dataset';
import { defaultBranch, fullName, nodeId, parseNodeId, type FakeStore } from '../store';
import { connection } from './connection';
import { pullRequest, pullState, type Args, type Resolver } from './pull-request';

export function rootValue(store: FakeStore, rateLimit: () => Record<string, unknown>) {
  return {
    rateLimit,
    repository: ({ owner, name }: Args) => {
      const repo = store.repo(String(owner), String(name));
      if (!repo) {
        throw new GraphQLError(
          `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.`,
          {
            extensions: { type: 'NOT_FOUND' },
          },
        );
      }
      return repo.graphqlNull ? null : repository(store, repo);
    },
    nodes: ({ ids }: Args) => (ids as string[]).map((id) => nodeById(store, id)),
  };
}

function nodeById(store: FakeStore, id: string) {
  const parsed = parseNodeId(id);
  if (parsed?.kind !== 'PullRequest') return null;
  const [full, number] = parsed.key.split('#');
  const [owner, name] = (full ?? '').split('/');
  const repo = store.repo(owner ?? '', name ?? '');
  const pr = repo?.pulls?.find((p) => p.number === Number(number));
  return repo && pr ? pullRequest(store, repo, pr) : null;
}

function repository(store: FakeStore, repo: FakeRepo) {
  const branchRef = (name: string, committedDate: string) => ({
    __typename: 'Ref',
    name,
    prefix: 'refs/heads/',
    target: { __typename: 'Commit', oid: nodeId('sha', name), committedDate },
  });
  const branches = store.branches(repo);
  const main = defaultBranch(repo);
  const pullRequests: Resolver = (args, _ctx, info) => {
    const states = (args.states as string[] | undefined) ?? ['OPEN', 'CLOSED', 'MERGED'];
    const order = args.orderBy as { field: string; direction: string } | undefined;
    const key = order?.field === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
    const sign = order?.direction === 'DESC' ? -1 : 1;
    const pulls = (repo.pulls ?? [])
      .filter((p) => states.includes(pullState(p)))
      .sort((a, b) => sign * (a[key].localeCompare(b[key]) || a.number - b.number));
    return connection(
      pulls.map((p) => pullRequest(store, repo, p)),
      args,
      info,
    );
  };
  return {
    id: nodeId('Repository', fullName(repo)),
    name: repo.name,
    nameWithOwner: fullName(repo),
    isArchived: repo.archived ?? false,
    // The last push: the newest head among the branches (the dataset keeps no push log).
    pushedAt: branches.reduce<string | null>(
      (max, b) => (max === null || b.committedAt > max ? b.committedAt : max),
      null,
    ),
    defaultBranchRef: () => {
      const head = branches.find((b) => b.name === main)!.committedAt;
      return { ...branchRef(main, head), target: defaultBranchHead(repo, head) };
    },
    pullRequests,
    refs: ((args, _ctx, info) => {
      const prefix = String(args.refPrefix);
      const refs = prefix === 'refs/heads/' ? branches.map((b) => branchRef(b.name, b.committedAt)) : [];
      return connection(refs, args, info);
    }) satisfies Resolver,
  };
}

function defaultBranchHead(repo: FakeRepo, committedDate: string) {
  const history: Resolver = (args, _ctx, info) => {
    const since = typeof args.since === 'string' ? Date.parse(args.since) : -Infinity;
    const until = typeof args.until === 'string' ? Date.parse(args.until) : Infinity;
    const commits = (repo.commits ?? [])
      .filter((c) => Date.parse(c.committedAt) >= since && Date.parse(c.committedAt) <= until)
      .sort((a, b) => b.committedAt.localeCompare(a.committedAt));
    return connection(commits.map(commitObject), args, info);
  };
  return { __typename: 'Commit', oid: nodeId('sha', 'head'), committedDate, history };
}

function commitObject(c: FakeCommit) {
  return {
    __typename: 'Commit',
    oid: c.sha,
    committedDate: c.committedAt,
    authoredDate: c.authoredAt,
    message: c.message,
    additions: c.additions,
    deletions: c.deletions,
    changedFilesIfAvailable: c.filesUnavailable ? null : c.files,
    author: {
      name: c.author.name,
      email: c.author.email,
      user: c.author.login ? { login: c.author.login } : null,
    },
  };
}
