/**
 * Every W&B metric on the hand-made project of fixture.ts, against the fake W&B (which evaluates the
 * collector's filters for real). asOf 2026-11-27T12:00Z, W = (11-20T12:00, 11-27T12:00].
 */
import { wandbCollector } from '../../../src/collectors/wandb';
import { startFakeWandb, type FakeWandb } from '../../../src/fakes/wandb';
import { API_KEY, DATASET, byName, contextFor } from './fixture';

let fake: FakeWandb;
beforeAll(async () => {
  fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.requests.splice(0));

const collect = async (group: 'counts' | 'runs' | 'sweeps', project?: string) =>
  byName(
    await wandbCollector.collect(contextFor({ baseUrl: fake.url, group, ...(project ? { project } : {}) })),
  );

describe('group counts', () => {
  it('counts server-side and reads the best values, in one request', async () => {
    expect(await collect('counts')).toEqual({
      // Running and created by asOf: r-long (r-future was created after the slot).
      'wandb.runs.active': 1,
      // Created in W: r-crash, r-fin1, r-fail, r-killed, r-fin3, r-pending (r-long, r-fin2, r-edge
      // before W).
      'wandb.runs.total_7d': 6,
      // Finished with the last heartbeat in W: r-fin1, r-fin2, r-fin3 (r-edge ended at the start).
      'wandb.runs.completed_7d': 3,
      'wandb.runs.failed_7d': 1,
      'wandb.runs.crashed_7d': 1,
      // max(0.91 r-fin1, 0.87 r-fin2); r-fin3's "NaN" is no number, r-edge (0.95) and r-old are outside.
      'wandb.metrics.best_accuracy': 0.91,
      'wandb.metrics.best{key:accuracy}': 0.91,
      // min(0.30, 0.25, 0.10 r-fin3).
      'wandb.metrics.best_loss': 0.1,
      'wandb.metrics.best{key:loss}': 0.1,
    });
    expect(fake.requests.map((r) => [r.operation, r.status, r.scheme])).toEqual([
      ['CollectorCounts', 200, 'Basic'],
    ]);
  });

  it('reports configured keys in the tagged family only, each with its goal', async () => {
    const points = await wandbCollector.collect(
      contextFor({
        baseUrl: fake.url,
        group: 'counts',
        options: { bestMetrics: [{ key: 'loss', goal: 'max' }] },
      }),
    );
    const best = byName(points.filter((p) => p.metric.startsWith('wandb.metrics.')));
    // max(0.30, 0.25, 0.10): the goal is the configured one; accuracy is not configured, so absent.
    expect(best).toEqual({ 'wandb.metrics.best_loss': 0.3, 'wandb.metrics.best{key:loss}': 0.3 });
  });
});

describe('group runs', () => {
  it('computes durations, GPU-hours, utilization and users from the runs touching W', async () => {
    expect(await collect('runs')).toEqual({
      // Ended in W: r-crash 6.5, r-fin1 4, r-fin2 36, r-fail 1, r-killed 3, r-fin3 2 → 52.5 / 6.
      'wandb.runs.avg_duration_hours': 8.75,
      // r-long 168 h × 2 (clipped to W) + r-crash 6.5 × 4 (GPUs from system metrics) + r-fin1 4 × 1
      // + r-fin2 12 h in W × 4 + r-fail × 0 + r-fin3 2 × 2 + r-pending 0 h = 336 + 26 + 4 + 48 + 0 + 4.
      'wandb.compute.total_gpu_hours_7d': 418,
      // r-killed: no runInfo, no GPU in its system metrics.
      'wandb.runs.without_gpu_info': 1,
      // Running: r-long only, mean(40, 60).
      'wandb.compute.avg_gpu_utilization': 50,
      // Created in W: ken, ada (×3), alan, barbara; running at asOf: margaret. grace's run ended in W
      // but was created before it; yann's ended at the start.
      'wandb.users.active_7d': 5,
      // 6 runs created in W / 5 users.
      'wandb.runs.per_user_7d': 1.2,
    });
    // Only the 8 runs touching W were sent (of 11): one page.
    expect(fake.requests.map((r) => [r.operation, r.status])).toEqual([['CollectorRuns', 200]]);
  });
});

describe('liveness', () => {
  it('beats once per request, so a long listing is never taken for a stuck unit', async () => {
    const heartbeat = jest.fn();
    await wandbCollector.collect(contextFor({ baseUrl: fake.url, group: 'runs', heartbeat }));
    expect(heartbeat.mock.calls).toEqual([[{ requests: 1 }]]);
  });
});

describe('group sweeps', () => {
  it('counts running sweeps, and finished ones updated in W', async () => {
    expect(await collect('sweeps')).toEqual({
      // s-running, and s-forgotten (running since June).
      'wandb.experiments.sweeps_running': 2,
      // s-done (11-23); s-done-old was updated before W, s-cancelled is not completed.
      'wandb.experiments.sweeps_completed_7d': 1,
    });
    expect(fake.requests.map((r) => r.operation)).toEqual(['CollectorSweeps']);
  });
});

describe('a project with no runs', () => {
  it('gives counts of 0 and no statistic', async () => {
    expect(await collect('counts', 'empty')).toEqual({
      'wandb.runs.active': 0,
      'wandb.runs.total_7d': 0,
      'wandb.runs.completed_7d': 0,
      'wandb.runs.failed_7d': 0,
      'wandb.runs.crashed_7d': 0,
    });
    expect(await collect('runs', 'empty')).toEqual({
      'wandb.compute.total_gpu_hours_7d': 0,
      'wandb.runs.without_gpu_info': 0,
      'wandb.users.active_7d': 0,
    });
    expect(await collect('sweeps', 'empty')).toEqual({
      'wandb.experiments.sweeps_running': 0,
      'wandb.experiments.sweeps_completed_7d': 0,
    });
  });
});
