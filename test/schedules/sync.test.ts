import { ScheduleNotFoundError } from '@temporalio/client';
import { cli } from '../support/cli';
import { registry, testDeployment } from '../support/deployment';
import { testClient } from '../support/temporal';

const run = (args: string[]) => cli(args, { registry });

test('sync creates, updates and prunes only the schedules its deployment owns', async () => {
  const a = testDeployment('a');
  const b = testDeployment('b');
  a.write(['schedule: 1h', 'targets: { count: 1 }']);
  b.write(['schedule: 1h', 'targets: { count: 1 }']);

  expect((await run(['schedules', 'sync', '--config', a.path])).stdout).toBe(
    `${a.name}-collector-synthetic: created\n`,
  );
  expect((await run(['schedules', 'sync', '--config', b.path])).stdout).toBe(
    `${b.name}-collector-synthetic: created\n`,
  );
  expect((await run(['schedules', 'sync', '--config', a.path])).stdout).toBe(
    `${a.name}-collector-synthetic: unchanged\n`,
  );

  // A paused schedule stays paused through a sync that changes it.
  expect((await run(['pause', 'synthetic', '--config', a.path, '--reason', 'maintenance'])).code).toBe(0);
  a.write(['schedule: 30m', 'targets: { count: 1 }']);
  expect((await run(['schedules', 'sync', '--config', a.path])).stdout).toBe(
    `${a.name}-collector-synthetic: updated (paused)\n`,
  );
  const { client, close } = await testClient();
  try {
    const described = await client.schedule.getHandle(`${a.name}-collector-synthetic`).describe();
    expect(described.state.paused).toBe(true);
    expect(described.state.note).toBe('maintenance');
    expect(Number(described.spec.intervals?.[0]?.every)).toBe(30 * 60_000);

    const listed = await run(['schedules', 'list', '--config', a.path, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        scheduleId: `${a.name}-collector-synthetic`,
        collector: 'synthetic',
        spec: 'every 1800s',
        paused: true,
        note: 'maintenance',
      }),
    ]);

    // Disabled in A: reported as stale, deleted only with --prune; B's schedule is never touched.
    a.write(['enabled: false', 'targets: { count: 1 }']);
    expect((await run(['schedules', 'sync', '--config', a.path])).stdout).toBe(
      `${a.name}-collector-synthetic: stale — no longer in the config; --prune deletes it\n`,
    );
    expect((await run(['schedules', 'sync', '--config', a.path, '--prune'])).stdout).toBe(
      `${a.name}-collector-synthetic: deleted\n`,
    );
    // (Describe, not list: the schedule list is eventually consistent.)
    await expect(client.schedule.getHandle(`${a.name}-collector-synthetic`).describe()).rejects.toThrow(
      ScheduleNotFoundError,
    );
    expect((await client.schedule.getHandle(`${b.name}-collector-synthetic`).describe()).state.paused).toBe(
      false,
    );
    await client.schedule.getHandle(`${b.name}-collector-synthetic`).delete();
  } finally {
    await close();
  }
});

test('schedule policies: overlap allowed, a catch-up window, a run timeout, only the name as input', async () => {
  const d = testDeployment('p');
  d.write(['schedule: "*/15 * * * *"', 'targets: { count: 1 }']);
  await run(['schedules', 'sync', '--config', d.path]);
  const { client, close } = await testClient();
  try {
    const s = await client.schedule.getHandle(`${d.name}-collector-synthetic`).describe();
    expect(s.policies.overlap).toBe('ALLOW_ALL');
    // The default catch-up window: 45 min.
    expect(Number(s.policies.catchupWindow)).toBe(45 * 60_000);
    expect(s.action.type).toBe('startWorkflow');
    if (s.action.type !== 'startWorkflow') return;
    expect(s.action.args).toEqual([{ collector: 'synthetic' }]);
    expect(s.action.taskQueue).toBe(`${d.name}-collectors`);
    // 55 min of data submission + 55 min of health submission + 10 min.
    expect(Number(s.action.workflowRunTimeout)).toBe(120 * 60_000);
    await client.schedule.getHandle(`${d.name}-collector-synthetic`).delete();
  } finally {
    await close();
  }
});

test('operations on a schedule that does not exist say how to create it', async () => {
  const d = testDeployment('n');
  const r = await run(['trigger', 'synthetic', '--config', d.path]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `no schedule ${d.name}-collector-synthetic. Fix: run \`collectors schedules sync\` first`,
  );
});
