/**
 * `npm start` end to end, as a newcomer runs it: in a fresh copy of the project (no dist/, no
 * .temporal/, no config file) that reuses the installed node_modules and .tools, with every port
 * free-chosen. It must install nothing, build, start the Temporal dev server and the fakes, run a
 * first collection cycle of every collector in the dry-run output with `env:sandbox` on every point
 * (even with a Datadog key and DD_ENV in the environment: the sandbox forces dry-run, and nothing
 * reaches the Datadog intake), and on SIGINT to its process group (a terminal's Ctrl-C) stop
 * everything: no process it started is left, no port it opened still listens.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { registry } from '../../src/collectors/registry';
import { freePort } from '../../src/util/net';
import { projectRoot } from '../../src/util/paths';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';

// The collectors the sandbox runs: every registered one with a fake.
const COLLECTORS = [...registry.values()].filter((c) => c.sandbox).map((c) => c.name);
const FIRST_CYCLES_WITHIN_MS = 120_000;

jest.setTimeout(180_000);

let project: string;
let intake: FakeIntake;
let child: ChildProcess | undefined;

beforeAll(async () => {
  project = freshCopy(projectRoot());
  intake = await startFakeIntake();
});

afterAll(async () => {
  // Only if the test failed half-way: leave nothing behind.
  if (child?.pid && child.exitCode === null) killTree(child.pid);
  await intake?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

test('npm start runs the sandbox: a first cycle of every collector, env:sandbox, and Ctrl-C leaves nothing', async () => {
  const ports = {
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    COLLECTORS_HEALTH_PORT: await freePort(),
    COLLECTORS_METRICS_PORT: await freePort(),
  };
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          !/^(TEMPORAL_|COLLECTORS_|DD_|SECRETS_|GITHUB_|SKYPILOT_|LOG_LEVEL$)/.test(k) && !/proxy/i.test(k),
      ),
    ),
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    // A Datadog key and env of a real deployment: the sandbox must ignore both.
    DD_API_KEY: intake.apiKey,
    DD_URL: intake.url,
    DD_ENV: 'prod',
  };
  const started = Date.now();
  const run = spawn('npm', ['start'], {
    cwd: project,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = run;
  let output = '';
  run.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  run.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    run.once('exit', (code, signal) => resolve({ code, signal })),
  );

  // A first cycle of each collector: its health points ("cycle finished") are the cycle's last step.
  const finished = (c: string) => new RegExp(`^=== ${c} · cycle finished · \\d+ units, 0 failed`, 'm');
  await waitFor(
    () => COLLECTORS.every((c) => finished(c).test(output)),
    FIRST_CYCLES_WITHIN_MS,
    () =>
      `no finished cycle of ${COLLECTORS.join(' and ')} within ${FIRST_CYCLES_WITHIN_MS} ms:\n${output.slice(-4000)}`,
    exited,
  );
  const firstMetricsS = (Date.now() - started) / 1000;
  process.stderr.write(
    `[e2e] npm start → every collector's first cycle on the console: ${firstMetricsS.toFixed(1)} s\n`,
  );

  expect(output).toContain('SANDBOX: fake GitHub on http://127.0.0.1:');
  expect(output).toContain('points are printed, not sent');
  expect(output).toContain(`Web UI http://localhost:${ports.TEMPORAL_UI_PORT}`);

  // Every point printed, and every point in the dry-run file, carries env:sandbox.
  const rows = tableRows(output);
  for (const c of COLLECTORS) {
    expect(rows.some((r) => r.metric.startsWith(`${c}.`))).toBe(true); // data points
    expect(rows.some((r) => r.metric === `collector.${c}.error_count`)).toBe(true); // health points
  }
  expect(rows.filter((r) => !r.tags.split(',').includes('env:sandbox'))).toEqual([]);
  const file = dryRunPoints(project);
  expect(file.length).toBeGreaterThanOrEqual(rows.length);
  expect(file.filter((p) => !p.tags.includes('env:sandbox'))).toEqual([]);
  expect(intake.requests).toEqual([]);

  // What it started: the processes under npm (the dev server runs in a process group of its own).
  const started_ = descendants(run.pid!);
  const devServer = Number(/Temporal dev server ready in [\d.]+ s \(pid (\d+)\)/.exec(output)?.[1]);
  expect(started_).toContain(devServer);
  expect(await listening(ports.TEMPORAL_PORT)).toBe(true);
  expect(await listening(ports.TEMPORAL_UI_PORT)).toBe(true);
  expect((await fetch(`http://127.0.0.1:${ports.COLLECTORS_HEALTH_PORT}/readyz`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${ports.COLLECTORS_METRICS_PORT}/metrics`)).status).toBe(200);
  // Bound to 127.0.0.1, not 0.0.0.0: 127.0.0.2 is this machine too, and a socket on all interfaces
  // would answer there.
  expect(await listening(ports.COLLECTORS_HEALTH_PORT, '127.0.0.2')).toBe(false);
  expect(await listening(ports.COLLECTORS_METRICS_PORT, '127.0.0.2')).toBe(false);

  // Ctrl-C: SIGINT to the whole foreground process group, as a terminal sends it.
  const stopping = Date.now();
  process.kill(-run.pid!, 'SIGINT');
  await waitFor(
    () =>
      output.includes(
        '[dev] stopped: worker drained, fakes closed, Temporal dev server stopped (.temporal/ kept)',
      ),
    60_000,
    () => `no clean stop within 60 s of SIGINT:\n${output.slice(-3000)}`,
  );
  process.stderr.write(`[e2e] stopped ${((Date.now() - stopping) / 1000).toFixed(1)} s after SIGINT\n`);
  // npm ends as a shell's job does on Ctrl-C: by the signal (or 0 when the script ended first).
  const exit = await Promise.race([exited, sleep(15_000).then(() => 'timeout' as const)]);
  expect([
    { code: 0, signal: null },
    { code: null, signal: 'SIGINT' },
  ]).toContainEqual(exit);
  expect(output).not.toMatch(/"level":"error"/);

  // Nothing left: no process it started, no port it opened.
  await waitFor(
    () => started_.every((pid) => !alive(pid)),
    10_000,
    () => `still running: ${started_.filter(alive).join(', ')}`,
  );
  expect(groupAlive(run.pid!)).toBe(false);
  for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
  expect(existsSync(join(project, '.temporal', 'sandbox.sqlite'))).toBe(true); // state kept, git-ignored
  expect(existsSync(join(project, '.temporal', 'dev-server.pid'))).toBe(false);
});

/**
 * The project's files as a fresh clone has them: tracked and untracked-but-not-ignored files (so it
 * works before a commit and in CI alike), timestamps kept (scripts/ensure-deps.sh compares
 * package-lock.json with node_modules); node_modules and .tools are links to the installed ones.
 */
function freshCopy(root: string): string {
  const lock = statSync(join(root, 'package-lock.json')).mtimeMs;
  const installed = statSync(join(root, 'node_modules', '.package-lock.json')).mtimeMs;
  if (lock > installed) {
    // npm start would run `npm ci` in the copy, through the link, on the real node_modules.
    throw new Error('package-lock.json is newer than node_modules: run `npm ci` first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'collectors-start-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status === 0) {
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const from = join(root, file);
      if (!existsSync(from) || statSync(from).isDirectory()) continue; // deleted, or a submodule
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(from, join(dir, file), { preserveTimestamps: true });
    }
  } else {
    // Not a git checkout (a source archive): everything but what git would ignore anyway.
    const skip = new Set(['.git', 'node_modules', '.tools', 'dist', 'out', '.temporal', 'coverage']);
    cpSync(root, dir, {
      recursive: true,
      preserveTimestamps: true,
      filter: (from) => !skip.has(relative(root, from).split(sep)[0] ?? ''),
    });
  }
  for (const name of ['collectors.yaml', 'dist', '.temporal', 'out'])
    rmSync(join(dir, name), { recursive: true, force: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(root, '.tools'), join(dir, '.tools'));
  return dir;
}

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly tags: string;
}

/** The rows of every dry-run table: from its `METRIC VALUE TAGS` header to the next blank line. */
function tableRows(output: string): Row[] {
  const rows: Row[] = [];
  let inTable = false;
  for (const line of output.split('\n')) {
    if (/^METRIC\s+VALUE\s+TAGS$/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)$/.exec(line);
    if (!m) {
      inTable = false;
      continue;
    }
    rows.push({ metric: m[1]!, value: m[2]!, tags: m[3]! });
  }
  return rows;
}

function dryRunPoints(dir: string): DataPoint[] {
  const folder = join(dir, 'out', 'dry-run');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(folder, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as DataPoint);
}

/** Every process below `pid`, from `ps`. */
function descendants(pid: number): number[] {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of ps.stdout.split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (!p || pp === undefined) continue;
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has exited: only its exit status is left for its parent to read.
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return stat.status === 0 && !stat.stdout.trim().startsWith('Z');
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killTree(pid: number): void {
  const all = descendants(pid);
  for (const p of [pid, ...all]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

async function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(
  done: () => boolean,
  timeoutMs: number,
  why: () => string,
  exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
): Promise<void> {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited?.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (exit) throw new Error(`npm start exited (code ${exit.code}, signal ${exit.signal}): ${why()}`);
    if (Date.now() > deadline) throw new Error(why());
    await sleep(250);
  }
}
