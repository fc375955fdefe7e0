/**
 * The managed-jobs queue, every user's, every page.
 *
 * `POST /jobs/queue/v2` (SkyPilot ≥ 0.10.3, API version 18) answers `{jobs, total, status_counts, …}`
 * (sky/server/requests/serializers/encoders.py, encode_jobs_queue_v2), or a bare array when the
 * runner returns one. It pages by top-level job, newest first (sky/jobs/state.py,
 * get_managed_jobs_with_filters): a page of `limit` holds every task row of `limit` top-level jobs
 * and of the jobs launched under them, and `total` counts top-level jobs. A pipeline (one row per
 * task) or a job group (its tasks, and member jobs with job ids of their own) therefore puts more
 * rows and more job ids on a page than `limit`: only `total` says how many pages there are.
 * Page 1 gives `total`; the other pages are then requested a few at a time. A job submitted
 * meanwhile pushes older ones to later pages: rows are de-duplicated by (job_id, task_id), and
 * pages are added while the reported total grows.
 *
 * A server that ignores paging is recognised only by what it says: no `total` (a bare array, or an
 * object without it) means the answer is the whole queue.
 *
 * An older server has no such route and answers 404 (FastAPI's `{"detail":"Not Found"}`; request
 * bodies ignore unknown fields, so 422 never means "old server"). The legacy `POST /jobs/queue`
 * then returns the whole queue at once (no paging is asked for): a bare array before SkyPilot 0.10,
 * `{jobs, total, …}` in 0.10.0–0.10.2. Both are read.
 */
import { JOB_FIELDS, rowKey } from '../job';
import type { Connection } from './connection';
import { withSignal } from './connection';
import { runRequest } from './async-request';
import { EndpointMissingError, ProtocolError } from './errors';

export interface Queue {
  readonly records: unknown[];
  readonly endpoint: '/jobs/queue/v2' | '/jobs/queue';
  readonly pages: number;
}

interface Page {
  readonly records: unknown[];
  /** Top-level jobs in the whole queue; undefined when the answer does not say (the whole queue at once). */
  readonly total?: number;
}

export async function fetchQueue(conn: Connection, pageSize: number, concurrency: number): Promise<Queue> {
  let first: Page;
  try {
    first = await page(conn, 1, pageSize);
  } catch (err) {
    if (!(err instanceof EndpointMissingError)) throw err;
    conn.log.info('no /jobs/queue/v2 on this server (SkyPilot < 0.10.3): using /jobs/queue');
    const legacy = parsePage(
      conn,
      await runRequest(conn, '/jobs/queue', { refresh: false, skip_finished: false, all_users: true }),
    );
    return { records: legacy.records, endpoint: '/jobs/queue', pages: 1 };
  }
  const pages = [first];
  // Without a total the server did not page: this answer is the whole queue.
  if (first.total === undefined) return done(pages);

  const stop = new AbortController();
  const linked = withSignal(conn, AbortSignal.any([conn.signal, stop.signal]));
  let wanted = Math.ceil(first.total / pageSize);
  // A queue growing faster than it can be read is not followed forever.
  const most = 2 * wanted + concurrency;
  let next = 2;
  const worker = async () => {
    while (next <= wanted) {
      const n = next++;
      const p = await page(linked, n, pageSize);
      pages.push(p);
      if (p.total !== undefined) wanted = Math.min(most, Math.max(wanted, Math.ceil(p.total / pageSize)));
      conn.heartbeat({ page: n, of: wanted });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } catch (err) {
    stop.abort(); // the sibling pages are cancelled, not left running on the server
    throw err;
  }
  return done(pages);
}

async function page(conn: Connection, n: number, limit: number): Promise<Page> {
  const body = { refresh: false, skip_finished: false, all_users: true, page: n, limit, fields: JOB_FIELDS };
  return parsePage(conn, await runRequest(conn, '/jobs/queue/v2', body));
}

function parsePage(conn: Connection, value: unknown): Page {
  if (Array.isArray(value)) return { records: value };
  const v = value as { jobs?: unknown; total?: unknown } | null;
  if (v && Array.isArray(v.jobs))
    return { records: v.jobs, ...(typeof v.total === 'number' ? { total: v.total } : {}) };
  throw new ProtocolError(
    `SkyPilot API server ${conn.server}: the job queue is neither a list nor {jobs: [...]}`,
  );
}

function done(pages: readonly Page[]): Queue {
  const seen = new Set<string>();
  const records: unknown[] = [];
  for (const p of pages) {
    for (const r of p.records) {
      const key = rowKey(r);
      if (key !== undefined && seen.has(key)) continue;
      if (key !== undefined) seen.add(key);
      records.push(r);
    }
  }
  return { records, endpoint: '/jobs/queue/v2', pages: pages.length };
}
