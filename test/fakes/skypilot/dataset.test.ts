/** The generated dataset: deterministic, and varied enough to exercise every metric. */
import { generateDataset, presentJob } from '../../../src/fakes/skypilot';

const now = 1_800_000_000;

test('the same seed and now give the same dataset; another seed another', () => {
  expect(generateDataset({ now, seed: 7 })).toEqual(generateDataset({ now, seed: 7 }));
  expect(generateDataset({ now, seed: 8 })).not.toEqual(generateDataset({ now, seed: 7 }));
});

test('hundreds of jobs over 30 days, across statuses, GPUs, nodes, regions, pricing, recoveries and users', () => {
  const { jobs, clusters } = generateDataset({ now });
  const shown = jobs.map((j) => presentJob(j, now));
  const distinct = (f: (r: Record<string, unknown>) => unknown) => new Set(shown.map(f)).size;
  expect(new Set(jobs.map((j) => j.root_job_id ?? j.job_id)).size).toBe(400); // top-level jobs
  expect(jobs).toHaveLength(408); // + the extra rows of 2 job groups and 2 pipelines
  expect(Math.min(...jobs.map((j) => j.submitted_at ?? now))).toBeGreaterThan(now - 30 * 86_400);
  expect(new Set(jobs.map((j) => j.status))).toEqual(
    new Set(
      [
        'PENDING',
        'STARTING',
        'RUNNING',
        'RECOVERING',
        'CANCELLING',
        'WINDING_DOWN',
        'SUCCEEDED',
        'CANCELLED',
      ].concat(['FAILED', 'FAILED_SETUP', 'FAILED_NO_RESOURCE', 'FAILED_PRECHECKS', 'FAILED_CONTROLLER']),
    ),
  );
  const running = shown.filter((r) => r.status === 'RUNNING');
  expect(running.length).toBeGreaterThan(10);
  expect(distinct((r) => JSON.stringify(r.accelerators))).toBeGreaterThanOrEqual(6);
  expect(distinct((r) => r.region)).toBeGreaterThanOrEqual(5);
  expect(shown.some((r) => r.region === '-')).toBe(true);
  expect(running.some((r) => String(r.cluster_resources).startsWith('2x[spot]'))).toBe(true);
  expect(running.some((r) => /^\dx\(/.test(String(r.cluster_resources)))).toBe(true); // on-demand
  expect(jobs.some((j) => j.recovery_count > 0)).toBe(true);
  expect(distinct((r) => r.user_name)).toBe(12);
  expect(clusters.map((c) => c.status)).toContain('UP');
});

test('a running job reports now − (last_recovered_at − stored duration), like the server', () => {
  const job = generateDataset({ now }).jobs.find((j) => j.status === 'RUNNING' && j.recovery_count > 0)!;
  expect(presentJob(job, now).job_duration).toBeCloseTo(now - (job.last_recovered_at - job.job_duration), 6);
});

test('the newest jobs include job groups (tasks and member jobs) and two-task pipelines', () => {
  const { jobs } = generateDataset({ now });
  const rows = (id: number) => jobs.filter((j) => j.job_id === id || j.root_job_id === id);
  // Job groups: the newest top-level job (400) and the sixth newest (395); members get the next ids.
  for (const [root, members] of [
    [400, [403, 404]],
    [395, [401, 402]],
  ] as const) {
    expect(rows(root).map((j) => [j.job_id, j.task_id])).toEqual([
      [root, 0],
      [root, 1],
      ...members.map((m) => [m, 0]),
    ]);
    expect(new Set(rows(root).map((j) => j.status)).size).toBe(1);
  }
  // Pipelines: the third (398) and eighth (393) newest, two tasks; a started one's first task
  // succeeded when the second started.
  for (const id of [398, 393]) {
    const [first, second] = rows(id);
    expect([first?.task_id, second?.task_id]).toEqual([0, 1]);
    if (second?.start_at != null)
      expect(first).toMatchObject({ status: 'SUCCEEDED', end_at: second.start_at });
  }
  expect(
    jobs.filter((j) => j.job_id < 391).every((j) => j.task_id === 0 && j.root_job_id === undefined),
  ).toBe(true);
});
