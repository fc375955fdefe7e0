import type { RestEndpointMethodTypes } from '@octokit/rest';

type RunsResponse = RestEndpointMethodTypes['actions']['listWorkflowRunsForRepo']['response']['data'];
type WorkflowRun = RunsResponse['workflow_runs'][number];

/** The fields of a workflow run the ci group reads (all that the ETag cache keeps). */
export type Run = Pick<
  WorkflowRun,
  | 'id'
  | 'name'
  | 'path'
  | 'workflow_id'
  | 'head_branch'
  | 'event'
  | 'status'
  | 'conclusion'
  | 'created_at'
  | 'updated_at'
  | 'run_started_at'
  | 'run_attempt'
>;

export interface RunsPage {
  readonly total: number;
  readonly runs: readonly Run[];
}

export function projectRuns(data: unknown): RunsPage {
  const { total_count, workflow_runs } = data as RunsResponse;
  return {
    total: total_count,
    runs: workflow_runs.map((r) => ({
      id: r.id,
      name: r.name,
      path: r.path,
      workflow_id: r.workflow_id,
      head_branch: r.head_branch,
      event: r.event,
      status: r.status,
      conclusion: r.conclusion,
      created_at: r.created_at,
      updated_at: r.updated_at,
      run_started_at: r.run_started_at,
      run_attempt: r.run_attempt,
    })),
  };
}
