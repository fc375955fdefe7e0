/**
 * Helpers of the operations tests: real worker processes (test/support/worker-process.ts), their
 * config files, HTTP probes, a switchable TCP forwarder, and the expected series of a cycle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeIntake, IntakeSeries } from '../../src/fakes/datadog/intake';
import { expectedValue, type Behaviour } from '../support/synthetic-collector';
import { testAddress } from '../support/temporal';
import { projectRoot } from '../../src/util/paths';

export interface LogLine {
  readonly msg?: string;
  readonly level?: string;
  readonly [attr: string]: unknown;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every stderr line so far, parsed (a line that is not JSON becomes `{ msg: line }`). */
  readonly logs: LogLine[];
  /** Resolves with the first line (already seen or to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number, what: string): Promise<LogLine>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<WorkerProcess>();

/** Variables that would send a worker's HTTP through a proxy a test did not ask for. */
const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** Starts a worker process on `configPath`; `stopWorkerProcesses` (afterEach) kills what is left. */
export function startWorkerProcess(configPath: string, env: Record<string, string> = {}): WorkerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !PROXY_VARS.includes(k) && !k.startsWith('DD_')),
  );
  const root = projectRoot();
  const child = spawn(
    process.execPath,
    [
      '-r',
      join(root, 'test/support/swc-register.js'),
      join(root, 'test/support/worker-process.ts'),
      configPath,
    ],
    {
      cwd: root,
      env: { ...inherited, COLLECTORS_CONFIG: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter(Boolean)) logs.push(parse(line));
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const proc: WorkerProcess = {
    child,
    pid: child.pid!,
    logs,
    exited,
    waitForLog: (match, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return false;
          done();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`worker ${child.pid}: no log line "${what}" within ${timeoutMs} ms\n${tail(logs)}`),
          );
        }, timeoutMs);
        const onExit = () => {
          if (check()) return;
          done();
          reject(new Error(`worker ${child.pid} exited before logging "${what}"\n${tail(logs)}`));
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.once('exit', onExit);
        check();
      }),
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Kills every worker process still running (SIGKILL) and waits for each to exit. */
export async function stopWorkerProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(async (p) => {
      p.child.kill('SIGKILL');
      await p.exited;
    }),
  );
}

function parse(line: string): LogLine {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object') return value as LogLine;
  } catch {
    // not JSON: kept as text below
  }
  return { msg: line };
}

function tail(logs: readonly LogLine[]): string {
  return logs
    .slice(-15)
    .map((l) => JSON.stringify(l))
    .join('\n');
}

export interface ConfigOptions {
  readonly taskQueue: string;
  /** Temporal's address; the run's dev server by default. */
  readonly address?: string;
  readonly healthPort?: number;
  readonly metricsPort?: number;
  readonly targets?: number;
  /** Only these groups run (default alpha and beta). */
  readonly groups?: readonly string[];
  readonly behaviours?: Record<string, Behaviour>;
  /** Timeout of one unit attempt (default 10s). */
  readonly timeout?: string;
}

/** Writes a worker config file (JSON is YAML) and returns its path. */
export function writeConfig(options: ConfigOptions): string {
  const groups = options.groups ?? ['alpha', 'beta'];
  const config = {
    temporal: { address: options.address ?? testAddress(), taskQueue: options.taskQueue },
    datadog: { env: 'ops-test' },
    worker: { healthPort: options.healthPort ?? 0, metricsPort: options.metricsPort ?? 0 },
    collectors: {
      synthetic: {
        targets: { count: options.targets ?? 2 },
        options: { behaviours: options.behaviours ?? {} },
        groups: Object.fromEntries(
          ['alpha', 'beta', 'gamma', 'delta'].map((g) => [
            g,
            groups.includes(g)
              ? {
                  timeout: options.timeout ?? '10s',
                  retry: { maximumAttempts: 3, initialInterval: '500ms', maximumInterval: '1s' },
                }
              : { enabled: false },
          ]),
        ),
      },
    },
  };
  const path = join(mkdtempSync(join(tmpdir(), 'collectors-ops-')), 'collectors.yaml');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export function uniqueQueue(name: string): string {
  return `ops-${name}-${randomUUID().slice(0, 8)}`;
}

/** The env a worker process needs to submit to `intake`. */
export function intakeEnv(intake: FakeIntake): Record<string, string> {
  return { DD_URL: intake.url, DD_API_KEY: intake.apiKey };
}

/** GET with a short timeout; never throws for an HTTP status, only for no answer. */
export async function get(url: string): Promise<{ status: number; text: string; json: () => unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  const text = await res.text();
  return { status: res.status, text, json: (): unknown => JSON.parse(text) };
}

/** Polls `probe` every 100 ms until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
  );
}

/** The value series of a cycle: one per group × target, at the slot's timestamp. */
export interface ExpectedSeries {
  readonly metric: string;
  readonly target: string;
  readonly timestamp: number;
  readonly value: number;
}

/**
 * What the intake must hold after a cycle of `asOf`: for every enabled group and target, the metric
 * `synthetic.<group>.value` tagged `target:<id>`, stamped with the slot (seconds), valued by the
 * synthetic collector's documented formula (slot seconds mod 1000 + target number + 1000 × group index).
 */
export function expectedSeries(asOf: Date, groups: readonly string[], targets: number): ExpectedSeries[] {
  return groups.flatMap((group) =>
    Array.from({ length: targets }, (_, i) => {
      const target = `t${String(i).padStart(3, '0')}`;
      return {
        metric: `synthetic.${group}.value`,
        target,
        timestamp: asOf.getTime() / 1000,
        value: expectedValue(asOf, group, target),
      };
    }),
  );
}

/** Expected series the intake does not hold (duplicates of a series are fine: Datadog overwrites). */
export function missingSeries(intake: FakeIntake, expected: readonly ExpectedSeries[]): ExpectedSeries[] {
  const has = (e: ExpectedSeries, s: IntakeSeries) =>
    s.metric === e.metric &&
    (s.tags ?? []).includes(`target:${e.target}`) &&
    s.points.some((p) => p.timestamp === e.timestamp && p.value === e.value);
  return expected.filter((e) => !intake.series.some((s) => has(e, s)));
}

/** A TCP forwarder to `target` (host:port) that a test can take down (connections refused-like) and up. */
export interface Forwarder {
  readonly address: string;
  setUp(up: boolean): void;
  close(): Promise<void>;
}

export async function startForwarder(target: string, up = true): Promise<Forwarder> {
  const sep = target.lastIndexOf(':');
  const host = target.slice(0, sep);
  const port = Number(target.slice(sep + 1));
  const open = new Set<Socket>();
  let isUp = up;
  const server = createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.once('close', () => open.delete(s));
      s.once('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port: own } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${own}`,
    setUp: (value) => {
      isUp = value;
      if (!value) for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
