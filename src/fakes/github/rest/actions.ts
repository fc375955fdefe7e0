/**
 * Actions: workflows, and run listings newest first. A listing filtered by any of actor, branch,
 * check_suite_id, created, event, head_sha or status reports its true `total_count` but serves only
 * its first 1,000 runs: later pages come back empty, as GitHub's do.
 */
import type { FakeRepo, FakeRun } from '../dataset';
import type { FakeStore } from '../store';
import { parseCreated } from './created';
import { paginate } from './paging';
import { notFound, ok, validationFailed, type Route, type RouteRequest, type RouteResponse } from './route';
import { restRun, restWorkflow } from './shapes';

const CAPPED_FILTERS = ['actor', 'branch', 'check_suite_id', 'created', 'event', 'head_sha', 'status'];
export const RUN_LISTING_CAP = 1000;

function listRuns(req: RouteRequest, repo: FakeRepo, runs: readonly FakeRun[]): RouteResponse {
  const { url, base, store } = req;
  let selected = [...runs];
  const created = url.searchParams.get('created');
  if (created !== null) {
    const filter = parseCreated(created);
    if (!filter) return validationFailed(`created: "${created}" is not a valid date qualifier`);
    selected = selected.filter((r) => filter(Date.parse(r.createdAt)));
  }
  const branch = url.searchParams.get('branch');
  if (branch !== null) selected = selected.filter((r) => r.branch === branch);
  const event = url.searchParams.get('event');
  if (event !== null) selected = selected.filter((r) => r.event === event);
  const status = url.searchParams.get('status');
  if (status !== null) selected = selected.filter((r) => r.status === status || r.conclusion === status);
  selected.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const total = selected.length;
  const capped = CAPPED_FILTERS.some((f) => url.searchParams.has(f));
  const readable = capped ? selected.slice(0, RUN_LISTING_CAP) : selected;
  const page = paginate(readable, url, { total });
  return ok(
    { total_count: total, workflow_runs: page.items.map((r) => restRun(base, repo, r, store)) },
    page.link,
  );
}

function withRepo(handle: (req: RouteRequest, repo: FakeRepo, store: FakeStore) => RouteResponse) {
  return (req: RouteRequest) => {
    const repo = req.store.repo(req.params.owner!, req.params.name!);
    return repo ? handle(req, repo, req.store) : notFound();
  };
}

const REPO = String.raw`^\/repos\/(?<owner>[^/]+)\/(?<name>[^/]+)\/actions`;

export const actionsRoutes: Route[] = [
  {
    pattern: new RegExp(`${REPO}/runs$`),
    handle: withRepo((req, repo) => listRuns(req, repo, repo.runs ?? [])),
  },
  {
    pattern: new RegExp(`${REPO}/workflows$`),
    handle: withRepo((req, repo) => {
      const all = (repo.workflows ?? []).map((w) => restWorkflow(req.base, repo, w));
      const page = paginate(all, req.url);
      return ok({ total_count: all.length, workflows: page.items }, page.link);
    }),
  },
  {
    // By id or by file name (`ci.yml`), as GitHub accepts both.
    pattern: new RegExp(`${REPO}/workflows/(?<workflow>[^/]+)/runs$`),
    handle: withRepo((req, repo) => {
      const key = decodeURIComponent(req.params.workflow!);
      const workflow = repo.workflows?.find((w) => String(w.id) === key || w.path.split('/').pop() === key);
      if (!workflow) return notFound();
      return listRuns(
        req,
        repo,
        (repo.runs ?? []).filter((r) => r.workflowId === workflow.id),
      );
    }),
  },
];
