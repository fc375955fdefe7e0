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
  expect(jobs).toHaveLength(400);
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
