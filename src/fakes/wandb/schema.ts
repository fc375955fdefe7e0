/**
 * The subset of W&B's GraphQL schema the collector uses, hand-written: W&B publishes no schema file.
 * Names and arguments follow W&B's own clients (`wandb/apis/public`, the GetSweeps query of SDK 0.28)
 * and the types `@wandb/sdk` generated from the live schema (a test checks every type, field and
 * argument here against them). Derived from public SDK sources, not authoritative.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';

export function wandbSdl(options: { sweepFilters?: boolean } = {}): string {
  // `sweeps(filters:)` exists on W&B's cloud and W&B Server 0.81.4 on; older servers refuse it.
  const sweepFilters = options.sweepFilters === false ? '' : ', filters: JSONString';
  return `
"""An ISO 8601 time; W&B writes most without a zone, in UTC."""
scalar DateTime
"""A JSON document sent and received as a string (filters, system and summary metrics)."""
scalar JSONString

type Query {
  project(name: String, entityName: String): Project
  models(entityName: String, after: String, first: Int): ProjectConnection
  viewer: User
}

type Project {
  id: ID!
  name: String!
  entityName: String!
  runCount(filters: JSONString): Int!
  runs(filters: JSONString, after: String, first: Int, order: String): RunConnection
  sweeps(after: String, first: Int${sweepFilters}): SweepConnection
}

type ProjectConnection {
  edges: [ProjectEdge!]!
  pageInfo: PageInfo!
}

type ProjectEdge {
  cursor: String!
  node: Project
}

type RunConnection {
  edges: [RunEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type RunEdge {
  cursor: String!
  node: Run!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type Run {
  id: ID!
  name: String!
  displayName: String
  state: String
  createdAt: DateTime!
  heartbeatAt: DateTime
  user: User
  runInfo: RunInfo
  systemMetrics: JSONString
  summaryMetrics: JSONString
  sweepName: String
}

type RunInfo {
  gpu: String
  gpuCount: Int
  cpuCount: Int
}

type User {
  id: ID!
  name: String!
  username: String
  entity: String
}

type Sweep {
  id: ID!
  name: String!
  displayName: String
  state: String!
  createdAt: DateTime!
  updatedAt: DateTime
  heartbeatAt: DateTime!
}

type SweepConnection {
  edges: [SweepEdge!]!
  pageInfo: PageInfo!
}

type SweepEdge {
  cursor: String!
  node: Sweep!
}
`;
}

const schemas = new Map<boolean, GraphQLSchema>();

export function wandbSchema(options: { sweepFilters?: boolean } = {}): GraphQLSchema {
  const key = options.sweepFilters !== false;
  let schema = schemas.get(key);
  if (!schema) {
    schema = buildSchema(wandbSdl(options));
    schemas.set(key, schema);
  }
  return schema;
}
