/**
 * Starts `temporal server start-dev` from the installed CLI (scripts/install-tools.sh) and waits until
 * its frontend answers. Used by the tests (one server per run) and by local development.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from '../util/net';
import { projectRoot } from '../util/paths';

export interface DevServerOptions {
  /** Path of the `temporal` binary; defaults to `.tools/bin/temporal`, then PATH. */
  binary?: string;
  ip?: string;
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; no UI when omitted. */
  uiPort?: number;
  /** SQLite file to keep state across restarts; in memory when omitted. */
  dbFile?: string;
  readyTimeoutMs?: number;
  /** Where the server's own output goes (default: ignored). */
  stdio?: 'ignore' | 'inherit';
  /** Append the server's output to this file instead (overrides `stdio`). */
  logFile?: string;
  /**
   * Run it in a process group of its own, so a terminal's Ctrl-C reaches only the parent, which stops
   * the server after its workers have drained (`collectors dev`). Default false.
   */
  detached?: boolean;
}

export interface DevServer {
  readonly address: string;
  readonly uiUrl?: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function temporalBinary(): string {
  const candidates = [process.env.TEMPORAL_CLI_PATH, join(projectRoot(), '.tools', 'bin', 'temporal')].filter(
    (p): p is string => !!p,
  );
  for (const c of candidates) if (existsSync(c)) return c;
  return 'temporal';
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? (await freePort(ip));
  const binary = options.binary ?? temporalBinary();
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);

  const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const child = spawn(binary, args, {
    stdio: logFd !== undefined ? ['ignore', logFd, logFd] : (options.stdio ?? 'ignore'),
    detached: options.detached ?? false,
  });
  if (logFd !== undefined) closeSync(logFd); // the child has its own copy
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (err) =>
      reject(new Error(`could not start ${binary}: ${err.message}. Run 'npm run tools' to install it.`)),
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`temporal server start-dev exited early (code ${code}, signal ${signal})`)),
    );
  });
  exited.catch(() => undefined);

  const address = `${ip}:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await Promise.race([waitUntilServing(address, options.readyTimeoutMs ?? 60_000), exited]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://${ip}:${options.uiPort}` : undefined,
    process: child,
    stop,
  };
}

/** Polls until the frontend answers a real RPC for the default namespace (not just a TCP accept). */
async function waitUntilServing(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Temporal dev server at ${address} not ready after ${timeoutMs} ms: ${String(lastError)}`);
}
