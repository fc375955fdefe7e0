/**
 * `POST /graphql`: the query is parsed and validated against GitHub's published schema, then executed
 * over the dataset. Invalid queries get GitHub's answer: HTTP 200 with an `errors` list. Errors carry
 * GitHub's top-level `type` (NOT_FOUND, RATE_LIMITED, …).
 */
import { Kind, execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import type { FakeStore } from '../store';
import { queryCost } from './cost';
import { rootValue } from './resolvers';
import { githubSchema } from './schema';

export interface GraphqlCall {
  /** Set when the request is rejected before execution. */
  readonly rejected?: { readonly status: number; readonly body: unknown };
  readonly operation?: string;
  /** GitHub's rate-limit score of the query. */
  readonly cost: number;
  run(rateLimit: () => Record<string, unknown>): Promise<unknown>;
}

interface Body {
  readonly query?: unknown;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
}

export function prepareGraphql(raw: string, store: FakeStore): GraphqlCall {
  const reject = (status: number, body: unknown): GraphqlCall => ({
    rejected: { status, body },
    cost: 0,
    run: () => Promise.resolve(body),
  });
  let body: Body;
  try {
    body = JSON.parse(raw) as Body;
  } catch {
    return reject(400, {
      message: 'Problems parsing JSON',
      documentation_url: 'https://docs.github.com/graphql',
    });
  }
  if (typeof body.query !== 'string')
    return reject(200, {
      errors: [{ message: 'A query attribute must be specified and must be a string.' }],
    });
  let doc: DocumentNode;
  try {
    doc = parse(body.query);
  } catch (err) {
    return reject(200, { errors: [format(err as GraphQLError)] });
  }
  const schema = githubSchema();
  const invalid = validate(schema, doc);
  if (invalid.length) return reject(200, { errors: invalid.map(format) });
  const variables = body.variables ?? {};
  const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
  return {
    operation,
    cost: queryCost(schema, doc, variables),
    run: async (rateLimit) => {
      const result = await execute({
        schema,
        document: doc,
        rootValue: rootValue(store, rateLimit),
        variableValues: variables,
        operationName: body.operationName ?? undefined,
      });
      return result.errors
        ? { data: result.data ?? null, errors: result.errors.map(format) }
        : { data: result.data };
    },
  };
}

function format(err: GraphQLError): Record<string, unknown> {
  const type = err.extensions?.type;
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(err.path ? { path: err.path } : {}),
    ...(err.locations ? { locations: err.locations } : {}),
    message: err.message,
  };
}
