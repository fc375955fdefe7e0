/**
 * The sandbox operated like a deployment: while `collectors dev` runs the sandbox (here on the test
 * run's dev server, with --address), `schedules list`, `pause`, `unpause`, `trigger` and `collect`
 * with --sandbox find it through its state file and work with no address and no token given; once
 * it stops, the file is gone and --sandbox says that no sandbox runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { registry } from '../../src/collectors/registry';
import { projectRoot } from '../../src/util/paths';
import { cli } from '../support/cli';
import { testAddress, testClient } from '../support/temporal';

jest.setTimeout(150_000);

const SANDBOXED = [...registry.values()].filter((c) => c.sandbox).map((c) => c.name);
const FIRST = SANDBOXED[0]!;

let dir: string;
let statePath: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-ops-'));
  statePath = join(dir, 'sandbox.json');
});

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  // The sandbox leaves its schedules on the server, as on its own dev server: unserved here, so gone.
  const { client, close } = await testClient();
  await Promise.allSettled(
    SANDBOXED.map((n) => client.schedule.getHandle(`sandbox-collector-${n}`).delete()),
  );
  await close();
});

/** `collectors …` in this process, pointed at the sandbox's state file, with no token in the env. */
const ops = (args: string[]) =>
  cli(args, { env: { COLLECTORS_SANDBOX_STATE: statePath, PATH: process.env.PATH }, registry });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline || child?.exitCode !== null) {
      const why = child?.exitCode !== null ? `the sandbox exited (${child?.exitCode})` : 'timed out';
      throw new Error(`${why} waiting for ${what}; the sandbox printed:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('without a running sandbox, --sandbox says so and how to start one', async () => {
  const none = await ops(['schedules', 'list', '--sandbox']);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('--sandbox: no sandbox is running');
  expect(none.stderr).toContain('start one with `npm start` (or `collectors dev`) in another terminal');

  // A state file left by a sandbox that was killed: its process is gone.
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(statePath, JSON.stringify({ version: 1, pid: gone }));
  const stale = await ops(['trigger', FIRST, '--sandbox']);
  expect(stale.code).toBe(2);
  expect(stale.stderr).toContain(`(pid ${gone}) is no longer running`);
  rmSync(statePath);

  const both = await ops(['schedules', 'list', '--sandbox', '--config', join(dir, 'x.yaml')]);
  expect(both).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('--sandbox and --config: choose one'),
  });
});

test('a running sandbox is listed, paused, resumed, triggered and collected from with --sandbox alone', async () => {
  child = spawn(
    process.execPath,
    [
      '-r',
      './test/cli/record-modules.js',
      'bin/collectors.js',
      'dev',
      '--sandbox',
      '--address',
      testAddress(),
      '--health-port',
      '0',
      '--metrics-port',
      '0',
    ],
    {
      cwd: projectRoot(),
      env: {
        ...process.env,
        COLLECTORS_CONFIG: '',
        COLLECTORS_SANDBOX_STATE: statePath,
        RECORD_MODULES: join(dir, 'modules.txt'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  // The state file: the sandbox's own Temporal, deployment and fakes; readable by its owner only.
  await until('the state file', () => Promise.resolve(existsSync(statePath) ? true : undefined), 90_000);
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
    pid: number;
    deployment: string;
    temporal: { address: string; namespace: string; devServer: boolean };
    fakes: { collector: string; url: string }[];
  };
  expect(state).toMatchObject({
    pid: child.pid,
    deployment: 'sandbox',
    temporal: { address: testAddress(), namespace: 'default', devServer: false },
  });
  expect(state.fakes.map((f) => f.collector).sort()).toEqual([...SANDBOXED].sort());
  expect(statSync(statePath).mode & 0o777).toBe(0o600);

  // Every sandbox schedule, once the sandbox has synced them.
  const ids = SANDBOXED.map((n) => `sandbox-collector-${n}`).sort();
  const rows = await until(
    'the sandbox schedules',
    async () => {
      const r = await ops(['schedules', 'list', '--sandbox', '--json']);
      if (r.code !== 0) return undefined;
      const listed = JSON.parse(r.stdout) as { scheduleId: string; paused: boolean; note?: string }[];
      return listed.length === ids.length ? listed : undefined;
    },
    60_000,
  );
  expect(rows.map((r) => r.scheduleId).sort()).toEqual(ids);

  expect(await ops(['pause', FIRST, '--sandbox', '--reason', 'looking at it'])).toMatchObject({
    code: 0,
    stdout: `sandbox-collector-${FIRST}: paused\n`,
  });
  const paused = JSON.parse((await ops(['schedules', 'list', '--sandbox', '--json'])).stdout) as {
    scheduleId: string;
    paused: boolean;
    note?: string;
  }[];
  expect(paused.find((r) => r.scheduleId === `sandbox-collector-${FIRST}`)).toMatchObject({
    paused: true,
    note: 'looking at it',
  });
  expect((await ops(['unpause', FIRST, '--sandbox'])).stdout).toBe(`sandbox-collector-${FIRST}: unpaused\n`);
  expect(await ops(['trigger', FIRST, '--sandbox'])).toMatchObject({
    code: 0,
    stdout: `sandbox-collector-${FIRST}: triggered\n`,
  });

  // One cycle in this process against the sandbox's fake, with the fake's token from the state file.
  for (const name of SANDBOXED) {
    const run = await ops(['collect', name, '--sandbox', '--json']);
    expect({ name, code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      name,
      code: 0,
      stderr: '',
    });
    const points = JSON.parse(run.stdout) as DataPoint[];
    expect(points.length).toBeGreaterThan(0);
    expect(points.filter((p) => !p.tags.includes('env:sandbox'))).toEqual([]);
  }
  expect((await ops(['collect', FIRST, '--sandbox', '--push'])).stderr).toContain(
    '--sandbox and --push: the sandbox never sends points to Datadog',
  );

  // Stopped: the state file goes with it.
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(existsSync(statePath)).toBe(false);
  expect((await ops(['schedules', 'list', '--sandbox'])).stderr).toContain('no sandbox is running');
});

test("a sandbox on its own dev server: --sandbox takes no TLS or API key from this shell's TEMPORAL_* variables", async () => {
  // The state a sandbox on its own dev server writes (here the test run's server stands in for it).
  writeFileSync(
    statePath,
    JSON.stringify({
      version: 1,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      deployment: 'sandbox',
      temporal: { address: testAddress(), namespace: 'default', devServer: true },
      fakes: [],
      secretsEnv: {},
    }),
  );
  try {
    // With TLS and a key the plain dev server could not be reached: they are for the user's own Temporal.
    const run = await cli(['schedules', 'list', '--sandbox', '--json'], {
      env: { COLLECTORS_SANDBOX_STATE: statePath, TEMPORAL_TLS: 'true', TEMPORAL_API_KEY: 'cloud-key' },
      registry,
    });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    // This sandbox runs no fake: collect says so rather than reaching for the real service.
    const collect = await cli(['collect', FIRST, '--sandbox'], {
      env: { COLLECTORS_SANDBOX_STATE: statePath },
      registry,
    });
    expect(collect.code).toBe(2);
    expect(collect.stderr).toContain(`--sandbox: the running sandbox has no fake of ${FIRST} (fakes: none)`);
  } finally {
    rmSync(statePath, { force: true });
  }
});
