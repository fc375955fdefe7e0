/**
 * Actions runs of a busy repo: every push to main and every PR update runs Tests, Lint and Build, a
 * nightly Benchmarks run, CodeQL weekly. Mostly successes; failures, runs cancelled by a newer
 * push, skipped and timed-out runs; one in twenty re-run; the newest still queued or running.
 */
import type { FakeRun, FakeWorkflow } from '../dataset';
import { DAY, HOUR, iso, type Random } from './random';

export const WORKFLOWS: FakeWorkflow[] = [
  { id: 101, name: 'Tests', path: '.github/workflows/tests.yml' },
  { id: 102, name: 'Lint', path: '.github/workflows/lint.yml' },
  { id: 103, name: 'Build', path: '.github/workflows/build.yml' },
  { id: 104, name: 'Benchmarks', path: '.github/workflows/benchmarks.yml' },
  { id: 105, name: 'CodeQL', path: '.github/workflows/codeql.yml' },
];

const MINUTES: Record<number, number> = { 101: 12, 102: 3, 103: 7, 104: 55, 105: 20 };

export function generateRuns(
  rng: Random,
  now: number,
  days: number,
  idBase: number,
  triggersPerDay = 40,
): FakeRun[] {
  const runs: FakeRun[] = [];
  const add = (workflowId: number, branch: string, event: string, created: number) =>
    runs.push(generateRun(rng, now, idBase + runs.length, workflowId, branch, event, created));
  for (let i = 0; i < Math.round(days * triggersPerDay); i++) {
    const created = now - rng.next() * days * DAY;
    const onMain = rng.chance(0.35);
    const branch = onMain ? 'main' : `feature/${rng.int(1, 400)}`;
    for (const id of [101, 102, 103])
      add(id, branch, onMain ? 'push' : 'pull_request', created + rng.int(0, 5) * 1000);
  }
  for (let day = 0; day < days; day++) {
    add(104, 'main', 'schedule', Math.floor(now / DAY) * DAY - day * DAY + 2 * HOUR);
    if (day % 7 === 3) add(105, 'main', 'schedule', Math.floor(now / DAY) * DAY - day * DAY + 4 * HOUR);
  }
  return runs.filter((r) => Date.parse(r.createdAt) <= now);
}

/** One run created at `created`: queued or in progress when it would end after `now`, else concluded. */
export function generateRun(
  rng: Random,
  now: number,
  id: number,
  workflowId: number,
  branch: string,
  event: string,
  created: number,
): FakeRun {
  const started = created + rng.int(2, 90) * 1000;
  const minutes = rng.logNormal(MINUTES[workflowId] ?? 10, 0.5);
  const attempt = rng.chance(0.05) ? rng.int(2, 3) : 1;
  // A re-run starts again later: its updated time moves, its created time stays.
  const end = started + minutes * 60_000 + (attempt - 1) * rng.logNormal(2, 1) * HOUR;
  const base = { id, workflowId, branch, event, createdAt: iso(created), startedAt: iso(started), attempt };
  if (end > now) {
    return {
      ...base,
      status: started > now - 60_000 ? 'queued' : 'in_progress',
      conclusion: null,
      updatedAt: iso(Math.min(now, started)),
    };
  }
  const conclusion = rng.weighted({
    success: 80,
    failure: 9,
    cancelled: 6,
    skipped: 3,
    timed_out: 1,
    startup_failure: 1,
  });
  const stopped = conclusion === 'cancelled' ? started + minutes * 60_000 * rng.next() : end;
  return {
    ...base,
    status: 'completed',
    conclusion,
    updatedAt: iso(conclusion === 'skipped' ? started : stopped),
  };
}
