/**
 * GitHub's public GraphQL schema from `@octokit/graphql-schema`. Its SDL defines a few fields twice,
 * which graphql-js accepts only with `assumeValidSDL`. Built once per process (~0.3 s).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

let schema: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(readFileSync(schemaPath(), 'utf8'), { assumeValidSDL: true });
  return schema;
}

/**
 * The package exports only its ESM entry (which parses a 10 MB JSON on import), not the SDL file:
 * find the file in the nearest node_modules, or beside the resolved `graphql` package.
 */
function schemaPath(): string {
  const file = join('@octokit', 'graphql-schema', 'schema.graphql');
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', file))) return join(dir, 'node_modules', file);
  }
  const besideGraphql = join(dirname(require.resolve('graphql')), '..', file);
  if (existsSync(besideGraphql)) return besideGraphql;
  throw new Error('@octokit/graphql-schema is not installed (npm install)');
}
