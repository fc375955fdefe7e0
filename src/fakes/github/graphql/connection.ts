/**
 * Relay connections with GitHub's rules: `first` or `last` is required whenever nodes or edges are
 * asked for, within 1–100; cursors are opaque (here: base64 of the offset).
 */
import { GraphQLError, Kind, type GraphQLResolveInfo } from 'graphql';

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

const cursor = (i: number) => Buffer.from(`cursor:${i}`).toString('base64');
const offset = (c: string) => Number(Buffer.from(c, 'base64').toString('utf8').split(':')[1]);

export function connection<T>(items: readonly T[], args: ConnectionArgs, info: GraphQLResolveInfo) {
  const field = info.fieldName;
  const wantsItems = info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some(
      (s) => s.kind === Kind.FIELD && ['nodes', 'edges'].includes(s.name.value),
    ),
  );
  for (const key of ['first', 'last'] as const) {
    const n = args[key];
    if (n != null && (n < 1 || n > 100)) {
      throw new GraphQLError(
        `Requesting ${n} records on the \`${field}\` connection exceeds the \`${key}\` limit of 100 records.`,
        { extensions: { type: 'EXCESSIVE_PAGINATION' } },
      );
    }
  }
  if (wantsItems && args.first == null && args.last == null) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
      { extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' } },
    );
  }
  let start = args.after ? offset(args.after) + 1 : 0;
  let end = args.before ? offset(args.before) : items.length;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  return {
    totalCount: items.length,
    nodes: slice,
    edges: slice.map((node, i) => ({ node, cursor: cursor(start + i) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? cursor(start) : null,
      endCursor: slice.length ? cursor(end - 1) : null,
    },
  };
}
