/**
 * The fake's stored state, shaped like the server's tables (sky/jobs/state.py spot + job_info tables,
 * sky/global_user_state.py clusters) rather than like its answers: the answer is derived per request
 * (records.ts), as the real server does.
 */

/** The launched cluster of a job (its handle), present while the cluster exists. */
export interface FakeLaunchedCluster {
  readonly nodes: number;
  readonly spot: boolean;
  /** Per node, e.g. `{ H100: 8 }`; undefined for a CPU-only cluster. */
  readonly accelerators?: Readonly<Record<string, number>>;
  readonly instanceType: string;
  readonly cloud: string;
  /** Undefined when the cloud reports none (shown as null). */
  readonly region?: string;
  readonly zone?: string;
}

/**
 * One task row (the `spot` table joined with `job_info`). A pipeline is several rows under one
 * `job_id` (task_id 0, 1, …); a job group is its own tasks plus member jobs launched under it, each
 * with a job id of its own and `root_job_id` naming the group's job.
 */
export interface FakeJob {
  readonly job_id: number;
  readonly task_id: number;
  /** The top-level job a member job was launched under; undefined for a top-level job. */
  readonly root_job_id?: number;
  readonly job_name: string;
  readonly status: string;
  readonly submitted_at: number | null;
  readonly start_at: number | null;
  readonly end_at: number | null;
  /** Start of the current run segment (epoch s); 0 before the first start. */
  readonly last_recovered_at: number;
  /** Seconds of finished run segments, as stored (the server adds the running one). */
  readonly job_duration: number;
  readonly recovery_count: number;
  /** The request, e.g. `2x[H100:8][Spot]` (get_task_resources_str). */
  readonly resources: string;
  readonly user_name: string;
  /** Null on rows of jobs submitted before the server recorded users. */
  readonly user_hash: string | null;
  readonly workspace: string;
  readonly failure_reason: string | null;
  /** Infra persisted at the last launch: shown once the cluster is gone. */
  readonly cloud: string | null;
  readonly region: string | null;
  readonly cluster?: FakeLaunchedCluster;
}

export interface FakeCluster {
  readonly name: string;
  readonly status: 'UP' | 'STOPPED' | 'INIT' | 'AUTOSTOPPING';
  readonly nodes: number;
  readonly cloud: string;
  readonly region: string;
  readonly user_name: string;
  readonly launched_at: number;
  readonly is_managed: boolean;
}

export interface FakeDataset {
  readonly jobs: readonly FakeJob[];
  readonly clusters: readonly FakeCluster[];
}
