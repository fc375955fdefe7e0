/** The catalog: valid, and exactly the names dashboards depend on (docs/metrics.md#names). */
import { assertCatalog } from '../../../src/catalog/check';
import { asanaCatalog } from '../../../src/collectors/asana';

test('passes the catalog self-check', () => {
  expect(() => assertCatalog(asanaCatalog)).not.toThrow();
});

test('declares the 18 Asana metrics of the design, all gauges, with their groups and backfill marks', () => {
  const listed = (group: string) =>
    asanaCatalog.metrics.filter((m) => m.group === group).map((m) => `${m.name}${m.backfill ? ' B' : ''}`);
  expect(listed('tasks')).toEqual([
    'asana.tasks.open',
    'asana.tasks.overdue',
    'asana.tasks.created_7d B',
    'asana.tasks.completed_7d B',
    'asana.tasks.completion_rate_7d',
    'asana.tasks.avg_time_to_complete_days B',
    'asana.tasks.unassigned',
    'asana.tasks.blocked',
    'asana.tasks.high_priority',
    'asana.tasks.medium_priority',
    'asana.tasks.low_priority',
    'asana.users.active_7d B',
    'asana.milestones.upcoming',
    'asana.milestones.overdue',
  ]);
  expect(listed('status')).toEqual([
    'asana.projects.active',
    'asana.projects.on_track',
    'asana.projects.at_risk',
    'asana.projects.off_track',
  ]);
  expect(new Set(asanaCatalog.metrics.map((m) => m.type))).toEqual(new Set(['gauge']));
});
