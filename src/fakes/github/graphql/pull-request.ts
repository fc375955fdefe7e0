/** Pull requests as GraphQL objects: reviews and comments as connections, authors as Actors. */
import type { GraphQLResolveInfo } from 'graphql';
import type { FakePull, FakeRepo } from '../dataset';
import { fullName, nodeId, type FakeStore } from '../store';
import { connection, type ConnectionArgs } from './connection';

export type Args = ConnectionArgs & Record<string, unknown>;
export type Resolver = (args: Args, ctx: unknown, info: GraphQLResolveInfo) => unknown;

export function actor(store: FakeStore, login: string | null) {
  if (!login) return null;
  const bot = store.isBot(login);
  // GraphQL shows bots as Bot actors, without the `[bot]` suffix of their REST login.
  return { __typename: bot ? 'Bot' : 'User', login: bot ? login.replace(/\[bot\]$/, '') : login };
}

export function pullState(p: FakePull): string {
  if (p.mergedAt) return 'MERGED';
  return p.closedAt ? 'CLOSED' : 'OPEN';
}

export function pullRequest(store: FakeStore, repo: FakeRepo, p: FakePull) {
  const comments: Resolver = (args, _ctx, info) =>
    connection(
      (p.comments ?? []).map((c) => ({ createdAt: c.at, author: actor(store, c.author) })),
      args,
      info,
    );
  const reviews: Resolver = (args, _ctx, info) => {
    const states = args.states as string[] | undefined;
    const list = (p.reviews ?? []).filter((r) => !states || states.includes(r.state));
    return connection(
      list.map((r) => ({
        submittedAt: r.at,
        state: r.state,
        author: actor(store, r.author),
        comments: ((a, c, i) =>
          connection(
            Array.from({ length: r.comments ?? 0 }, () => ({})),
            a,
            i,
          )) satisfies Resolver,
      })),
      args,
      info,
    );
  };
  return {
    __typename: 'PullRequest',
    id: nodeId('PullRequest', `${fullName(repo)}#${p.number}`),
    number: p.number,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    closedAt: p.closedAt ?? null,
    mergedAt: p.mergedAt ?? null,
    isDraft: p.draft ?? false,
    state: pullState(p),
    author: actor(store, p.author),
    comments,
    reviews,
  };
}
