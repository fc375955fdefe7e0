/**
 * The GraphQL documents the collector sends, in the shapes of W&B's own SDK (`wandb/apis/public`):
 * `project(name:, entityName:)` with `runCount(filters:)` and `runs(filters:, after:, first:, order:)`,
 * `models(entityName:)` for an entity's projects, `project.sweeps`, `viewer`. Filters are JSON strings.
 */
import type { BestMetric } from './settings';

export const RUN_FIELDS = `name state createdAt heartbeatAt user { username name } runInfo { gpuCount } systemMetrics`;

/** Runs of a project in pages: `$filters` narrows them server-side, oldest first. */
export const RUNS_QUERY = `query CollectorRuns($project: String!, $entity: String!, $filters: JSONString, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    runs(filters: $filters, after: $cursor, first: $perPage, order: "+created_at") {
      edges { node { ${RUN_FIELDS} } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

/** How many best candidates are read per key: a value that is not a number (NaN, a string) is skipped. */
export const BEST_CANDIDATES = 5;

/**
 * One request for every count of the `counts` group and every best value: aliased `runCount`s, and
 * per summary key the few finished runs of W ordered by that key (best first).
 */
export function countsQuery(best: readonly BestMetric[]): string {
  const bestVars = best.map((_, i) => `, $best${i}: JSONString, $order${i}: String`).join('');
  const bestFields = best
    .map(
      (_, i) =>
        `    best${i}: runs(filters: $best${i}, order: $order${i}, first: ${BEST_CANDIDATES}) { edges { node { name summaryMetrics } } }`,
    )
    .join('\n');
  return `query CollectorCounts($project: String!, $entity: String!, $active: JSONString, $total: JSONString, $finished: JSONString, $failed: JSONString, $crashed: JSONString${bestVars}) {
  project(name: $project, entityName: $entity) {
    active: runCount(filters: $active)
    total: runCount(filters: $total)
    finished: runCount(filters: $finished)
    failed: runCount(filters: $failed)
    crashed: runCount(filters: $crashed)
${bestFields}
  }
}`;
}

/** W&B's order key for a summary value, best first. */
export function bestOrder(metric: BestMetric): string {
  return `${metric.goal === 'max' ? '-' : '+'}summary_metrics.${metric.key}`;
}

const SWEEP_PAGE = `edges { node { name state updatedAt } cursor }
      pageInfo { endCursor hasNextPage }`;

/** Sweeps filtered server-side (W&B Server 0.81.4 and later, and W&B's cloud). */
export const SWEEPS_QUERY = `query CollectorSweeps($project: String!, $entity: String!, $filters: JSONString, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    sweeps(filters: $filters, after: $cursor, first: $perPage) {
      ${SWEEP_PAGE}
    }
  }
}`;

/** Every sweep of the project, for servers whose `sweeps` takes no `filters`. */
export const ALL_SWEEPS_QUERY = `query CollectorAllSweeps($project: String!, $entity: String!, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    sweeps(after: $cursor, first: $perPage) {
      ${SWEEP_PAGE}
    }
  }
}`;

export const PROJECTS_QUERY = `query CollectorProjects($entity: String!, $cursor: String, $perPage: Int) {
  models(entityName: $entity, after: $cursor, first: $perPage) {
    edges { node { name } cursor }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const VIEWER_QUERY = `query CollectorViewer { viewer { username entity } }`;

export interface PageInfo {
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface Connection<Node> {
  readonly edges: readonly { readonly node: Node | null; readonly cursor?: string }[];
  readonly pageInfo: PageInfo;
}

/** A run as RUN_FIELDS reads it. JSON strings are W&B's: `systemMetrics` is the latest system metrics. */
export interface RunNode {
  readonly name: string;
  readonly state: string | null;
  readonly createdAt: string;
  readonly heartbeatAt: string | null;
  readonly user: { readonly username: string | null; readonly name: string } | null;
  readonly runInfo: { readonly gpuCount: number | null } | null;
  readonly systemMetrics: string | null;
}

export interface SweepNode {
  readonly name: string;
  readonly state: string;
  readonly updatedAt: string | null;
}
