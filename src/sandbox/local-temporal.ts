/**
 * The Temporal dev server of `collectors dev`: state in the git-ignored `.temporal/` folder (a SQLite
 * file, `sandbox.sqlite` or `dev.sqlite`, and the server's log), the Web UI on its port, in a process group of its own so that a terminal's
 * Ctrl-C reaches only `collectors dev`, which stops it after the worker has drained.
 *
 * `.temporal/dev-server.pid` records the server and its owner. A server whose owner died without
 * stopping it (SIGKILL) is stopped at the next start; a live owner means another `collectors dev`
 * uses this folder, and the start is refused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '../temporal/dev-server';
import { DevSetupError } from './errors';

export interface LocalTemporalOptions {
  /** The folder that holds `.temporal/` (the project root). */
  readonly root: string;
  readonly port: number;
  readonly uiPort: number;
  /**
   * SQLite file under `.temporal/`: the sandbox and a config's deployment keep separate state, so the
   * schedules of one never fire, unserved, while the other runs.
   */
  readonly dbName: string;
  /** Human-readable progress lines. */
  readonly say: (line: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface LocalTemporal {
  readonly address: string;
  readonly uiUrl: string;
  readonly pid: number;
  readonly stateDir: string;
  /** Resolves when the server process exits, for whatever reason. */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
  /** Synchronous last resort (process exit, second Ctrl-C): SIGKILL if still running. */
  killNow(): void;
}

interface PidRecord {
  readonly server: number;
  readonly owner: number;
}

export async function startLocalTemporal(options: LocalTemporalOptions): Promise<LocalTemporal> {
  const stateDir = join(options.root, '.temporal');
  mkdirSync(stateDir, { recursive: true });
  const pidFile = join(stateDir, 'dev-server.pid');
  await reclaim(pidFile, options.say);
  for (const [what, port, flag] of [
    ['Temporal dev server', options.port, '--port / TEMPORAL_PORT'],
    ['Temporal Web UI', options.uiPort, '--ui-port / TEMPORAL_UI_PORT'],
  ] as const) {
    if (!(await isFree(port))) {
      throw new DevSetupError(
        `port ${port} (${what}) is in use: stop what listens there, choose another port with ${flag}, ` +
          'or use a running Temporal server with TEMPORAL_ADDRESS=host:port',
      );
    }
  }
  let server: DevServer;
  try {
    server = await startDevServer({
      ip: '127.0.0.1',
      port: options.port,
      uiPort: options.uiPort,
      dbFile: join(stateDir, options.dbName),
      logFile: join(stateDir, 'server.log'),
      detached: true,
      readyTimeoutMs: options.readyTimeoutMs ?? 90_000,
    });
  } catch (err) {
    throw new Error(`${(err as Error).message} (its log: ${join(stateDir, 'server.log')})`, { cause: err });
  }
  const child = server.process;
  const pid = child.pid!;
  writeFileSync(pidFile, JSON.stringify({ server: pid, owner: process.pid } satisfies PidRecord) + '\n');
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const forget = () => rmSync(pidFile, { force: true });
  return {
    address: server.address,
    uiUrl: `http://localhost:${options.uiPort}`,
    pid,
    stateDir,
    exited,
    stop: async () => {
      await server.stop();
      forget();
    },
    killNow: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      forget();
    },
  };
}

/** Stops a dev server left running by an owner that is gone; refuses when the owner still runs. */
async function reclaim(pidFile: string, say: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  let record: PidRecord | undefined;
  try {
    record = JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    record = undefined;
  }
  if (record && record.owner !== process.pid && alive(record.owner) && looksLike(record.owner, 'node')) {
    throw new DevSetupError(
      `another \`collectors dev\` (pid ${record.owner}) runs a Temporal dev server from this folder ` +
        '(.temporal/): stop it first (Ctrl-C in its terminal), or use its server with TEMPORAL_ADDRESS',
    );
  }
  if (record && alive(record.server) && looksLike(record.server, 'start-dev')) {
    say(`stopping a Temporal dev server (pid ${record.server}) left running by an earlier run`);
    process.kill(record.server, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(record.server) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(record.server)) process.kill(record.server, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process's command line contains `text`; true where /proc is not available. */
function looksLike(pid: number, text: string): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes(text);
  } catch {
    return false;
  }
}

async function isFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
