/**
 * The fake's GraphQL root: `project`, `models`, `viewer` over the dataset. Filters are evaluated for
 * real (filter.ts), `order` sorts, and connections page with opaque cursors.
 */
import type { FakeDataset, FakeProject, FakeRun, FakeSweep } from './dataset';
import { FilterError, UNKNOWN, matches, parseFilters, timeMs, type FieldValue } from './filter';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;

interface PageArgs {
  readonly after?: string | null;
  readonly first?: number | null;
}

function cursorOf(offset: number): string {
  return Buffer.from(`cursor:${offset}`).toString('base64');
}

function offsetOf(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new FilterError(`invalid cursor ${cursor}`);
  return Number(m[1]) + 1;
}

function page<T, N>(items: readonly T[], args: PageArgs, node: (item: T) => N) {
  const first = Math.min(args.first ?? DEFAULT_PAGE, MAX_PAGE);
  if (first < 0) throw new FilterError('first must not be negative');
  const start = offsetOf(args.after);
  const slice = items.slice(start, start + first);
  const edges = slice.map((item, i) => ({ cursor: cursorOf(start + i), node: node(item) }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
    },
  };
}

function runField(run: FakeRun, field: string): FieldValue | typeof UNKNOWN {
  if (field.startsWith('summary_metrics.')) {
    const v = run.summaryMetrics[field.slice('summary_metrics.'.length)];
    return typeof v === 'object' ? undefined : (v as FieldValue);
  }
  switch (field) {
    case 'state':
    case 'name':
    case 'displayName':
    case 'createdAt':
    case 'heartbeatAt':
      return run[field];
    case 'username':
      return run.username;
    case 'sweep':
      return run.sweep;
    default:
      return UNKNOWN;
  }
}

function sweepField(sweep: FakeSweep, field: string): FieldValue | typeof UNKNOWN {
  switch (field) {
    case 'state':
    case 'name':
    case 'createdAt':
    case 'updatedAt':
      return sweep[field];
    default:
      return UNKNOWN;
  }
}

/** `+created_at`, `-heartbeat_at`, `-summary_metrics.accuracy`…: the key, and +1 or −1. */
function sorter(order: string | null | undefined): (a: FakeRun, b: FakeRun) => number {
  const text = order ?? '+created_at';
  const m = /^([+-]?)(.+)$/.exec(text)!;
  const sign = m[1] === '-' ? -1 : 1;
  const key = m[2]!;
  const value = (run: FakeRun): number | undefined => {
    if (key === 'created_at' || key === 'createdAt') return timeMs(run.createdAt);
    if (key === 'heartbeat_at' || key === 'heartbeatAt')
      return run.heartbeatAt ? timeMs(run.heartbeatAt) : undefined;
    if (key.startsWith('summary_metrics.')) {
      const v = run.summaryMetrics[key.slice('summary_metrics.'.length)];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    }
    throw new FilterError(`unknown order key ${key}`);
  };
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    // Runs without a value come last, in either direction.
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return x === y ? a.name.localeCompare(b.name) : sign * (x - y);
  };
}

function runNode(run: FakeRun) {
  return {
    id: run.id,
    name: run.name,
    displayName: run.displayName,
    state: run.state,
    createdAt: run.createdAt,
    heartbeatAt: run.heartbeatAt,
    user: run.username
      ? { id: `User:${run.username}`, name: run.username, username: run.username, entity: run.username }
      : null,
    runInfo:
      run.gpuCount === null
        ? null
        : { gpu: run.gpuCount ? 'NVIDIA H100 80GB HBM3' : null, gpuCount: run.gpuCount, cpuCount: 32 },
    systemMetrics: JSON.stringify(run.systemMetrics),
    summaryMetrics: JSON.stringify(run.summaryMetrics),
    sweepName: run.sweep,
  };
}

interface ProjectArgs {
  readonly filters?: string | null;
  readonly order?: string | null;
}

/**
 * Runs selected by a filter, per project and filter text. A dataset never changes, so the answer to a
 * filter is kept: the fake then answers in time that follows the result, as an indexed database does,
 * not the project's size (which would put the fake's scans into what a benchmark measures).
 */
const selections = new WeakMap<FakeProject, Map<string, readonly FakeRun[]>>();
const KEPT_SELECTIONS = 256;

function selectRuns(project: FakeProject, filters: string | null | undefined): readonly FakeRun[] {
  let kept = selections.get(project);
  if (!kept) {
    kept = new Map<string, readonly FakeRun[]>();
    selections.set(project, kept);
  }
  const key = filters ?? '';
  let runs = kept.get(key);
  if (!runs) {
    const filter = parseFilters(filters);
    runs = project.runs.filter((run) => matches(filter, (f) => runField(run, f)));
    if (kept.size >= KEPT_SELECTIONS) kept.clear();
    kept.set(key, runs);
  }
  return runs;
}

function projectNode(project: FakeProject) {
  return {
    id: Buffer.from(`Project:v1:${project.name}:${project.entity}`).toString('base64'),
    name: project.name,
    entityName: project.entity,
    runCount: (args: ProjectArgs) => selectRuns(project, args.filters).length,
    runs: (args: ProjectArgs & PageArgs) => {
      const selected = selectRuns(project, args.filters);
      const order = args.order ?? '+created_at';
      const sorted = order === '+created_at' ? selected : [...selected].sort(sorter(order));
      return page(sorted, args, runNode);
    },
    sweeps: (args: ProjectArgs & PageArgs) => {
      const filter = parseFilters(args.filters);
      const selected = project.sweeps.filter((s) => matches(filter, (f) => sweepField(s, f)));
      return page(selected, args, (s) => ({
        ...s,
        displayName: s.name,
        heartbeatAt: s.updatedAt ?? s.createdAt,
      }));
    },
  };
}

export function rootValue(dataset: FakeDataset) {
  return {
    project: (args: { name?: string | null; entityName?: string | null }) => {
      const project = dataset.projects.find((p) => p.name === args.name && p.entity === args.entityName);
      return project ? projectNode(project) : null;
    },
    models: (args: { entityName?: string | null } & PageArgs) => {
      if (!args.entityName || !dataset.entities.includes(args.entityName)) return null;
      const projects = dataset.projects.filter((p) => p.entity === args.entityName);
      return page(projects, args, projectNode);
    },
    viewer: () => ({
      id: `User:${dataset.viewer.username}`,
      name: dataset.viewer.username,
      username: dataset.viewer.username,
      entity: dataset.viewer.entity,
    }),
  };
}
