/**
 * A past slot gives the values of that time from what W&B keeps (creation times, last heartbeats of
 * ended runs, final summaries), and in a backfill the engine leaves out what cannot be backfilled.
 * Slot 2026-11-25T00:00Z: W = (11-18T00:00, 11-25T00:00]; fixture.ts holds later runs too.
 */
import { wandbCollector } from '../../../src/collectors/wandb';
import { runUnit } from '../../../src/engine/run-unit';
import { startFakeWandb, type FakeWandb } from '../../../src/fakes/wandb';
import { API_KEY, DATASET, contextFor } from './fixture';

const PAST = new Date('2026-11-25T00:00:00Z');
let fake: FakeWandb;
beforeAll(async () => {
  fake = await startFakeWandb({ dataset: DATASET, apiKey: API_KEY });
});
afterAll(() => fake.close());

async function backfill(group: 'counts' | 'runs'): Promise<Record<string, number>> {
  const { points } = await runUnit({
    ...contextFor({ baseUrl: fake.url, group, asOf: PAST }),
    collector: wandbCollector,
    mode: 'backfill',
    commonTags: ['collector:wandb'],
  });
  expect(points.filter((p) => p.timestamp !== PAST.getTime() / 1000)).toEqual([]);
  return Object.fromEntries(
    points.map((p) => {
      const key = p.tags.find((t) => t.startsWith('key:'));
      return [key ? `${p.metric}{${key}}` : p.metric, p.value];
    }),
  );
}

describe('a past asOf (backfill)', () => {
  it('gives the counts and best values of that time, without runs.active', async () => {
    expect(await backfill('counts')).toEqual({
      // Created in W: r-long (11-18T12), r-fin2, r-edge, r-killed, r-fin1, r-fail (at the slot itself).
      'wandb.runs.total_7d': 6,
      // Last heartbeat in W: r-fin2 (11-21), r-edge (11-20T12), r-fin1 (11-24T14); r-fin3 came later.
      'wandb.runs.completed_7d': 3,
      // r-fail ended 11-25T01:00, r-crash on 11-26: after the slot.
      'wandb.runs.failed_7d': 0,
      'wandb.runs.crashed_7d': 0,
      // max(0.87, 0.95 r-edge, 0.91).
      'wandb.metrics.best_accuracy': 0.95,
      'wandb.metrics.best{key:accuracy}': 0.95,
      // min(0.25, 0.30); r-edge has no loss.
      'wandb.metrics.best_loss': 0.25,
      'wandb.metrics.best{key:loss}': 0.25,
    });
  });

  it('cuts lifetimes at the slot, without the utilization of now', async () => {
    expect(await backfill('runs')).toEqual({
      // Ended in W: r-fin2 36 h, r-fin1 4 h, r-killed 3 h, r-edge 4 h → 47 / 4.
      'wandb.runs.avg_duration_hours': 11.75,
      // r-long 11-18T12 → slot = 156 h × 2, r-fin2 36 h × 4, r-fin1 4 × 1, r-edge 4 × 1, r-fail 0 h
      // (created at the slot): 312 + 144 + 4 + 4.
      'wandb.compute.total_gpu_hours_7d': 464,
      'wandb.runs.without_gpu_info': 1,
      // Created in W: margaret, grace, yann, ada, alan (r-fail, still running at the slot).
      'wandb.users.active_7d': 5,
      // 6 created in W / 5 users.
      'wandb.runs.per_user_7d': 1.2,
    });
  });
});
