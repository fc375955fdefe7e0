/**
 * The worker's Kubernetes probes, on one port:
 *
 * - `GET /healthz` → 200 while the process is alive (a worker that fails ends the process instead).
 * - `GET /readyz` → 200 only when the worker is connected to Temporal and every worker of its set is
 *   RUNNING with its pollers polling; else 503 with a JSON body that says why.
 *
 * It listens before the worker connects, so readiness is false until the connection and the pollers
 * are up, and false again while the worker drains after SIGTERM.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Logger } from '../log';

export interface Readiness {
  readonly ready: boolean;
  /** Why not, when not ready. */
  readonly reason?: string;
  /** Per-worker detail, shown in the body. */
  readonly workers?: readonly WorkerReadiness[];
}

export interface WorkerReadiness {
  readonly taskQueue: string;
  readonly state: string;
  /** Absent for activity-only workers, which poll no workflow tasks. */
  readonly workflowPoller?: string;
  readonly activityPoller: string;
}

export type ReadinessCheck = () => Readiness | Promise<Readiness>;

export interface HealthServerOptions {
  readonly port: number;
  /** Default 0.0.0.0: the kubelet probes the pod's address. */
  readonly host?: string;
  readonly log: Logger;
  /** What /readyz reports until `setReadiness` replaces it. */
  readonly readiness?: ReadinessCheck;
}

export interface HealthServer {
  /** The port it listens on (the one asked for, or the OS's pick for 0). */
  readonly port: number;
  /** Replaces what /readyz reports: the worker goes from connecting to polling to draining. */
  setReadiness(check: ReadinessCheck): void;
  /** Stops listening and drops open connections. Closing twice is harmless. */
  close(): Promise<void>;
}

const notYet: ReadinessCheck = () => ({ ready: false, reason: 'starting' });

export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const log = options.log.child({ component: 'health' });
  let check = options.readiness ?? notYet;

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { error: 'use GET' });
    if (path === '/healthz') return reply(res, 200, { alive: true });
    if (path !== '/readyz') return reply(res, 404, { error: 'not found: use /healthz or /readyz' });
    let readiness: Readiness;
    try {
      readiness = await check();
    } catch (err) {
      readiness = { ready: false, reason: `readiness check failed: ${errorText(err)}` };
    }
    reply(res, readiness.ready ? 200 : 503, readiness);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('health endpoint failed', { error: errorText(err) });
      if (!res.headersSent) reply(res, 500, { error: errorText(err) });
      else res.end();
    });
  });
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) =>
      reject(new Error(`cannot serve /healthz and /readyz on ${host}:${options.port}: ${err.message}`));
    server.once('error', fail);
    server.listen(options.port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  log.info('health endpoints listening', { port, paths: ['/healthz', '/readyz'] });

  return {
    port,
    setReadiness: (next) => void (check = next),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Readiness of a running worker set: every worker RUNNING with its pollers polling, and Temporal
 * answering its gRPC health check within `timeoutMs` (pollers keep "polling" through an outage, so
 * their state alone would not notice one).
 */
export function workerSetReadiness(args: {
  readonly connection: NativeConnection;
  readonly workers: readonly Worker[];
  /** Temporal's address, for the messages. */
  readonly address: string;
  readonly timeoutMs?: number;
}): ReadinessCheck {
  const timeoutMs = args.timeoutMs ?? 2_000;
  const { connection, address } = args;
  // The SDK retries a failing call for about ten seconds whatever its deadline: the probe waits at
  // most `timeoutMs`, and one call at a time is in flight however often the kubelet asks.
  let inflight: Promise<string | undefined> | undefined;
  const temporalProblem = (): Promise<string | undefined> =>
    (inflight ??= connection
      .withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}))
      .then(
        (answer) => {
          // SERVING is 1; the field is omitted when it has the default value 0 (UNKNOWN).
          const status = String(answer.status ?? 'UNKNOWN');
          return status === '1' || status === 'SERVING' ? undefined : `reports status ${status}`;
        },
        (err: unknown) => `did not answer its health check: ${errorText(err)}`,
      )
      .finally(() => (inflight = undefined)));

  return async () => {
    const workers = args.workers.map(describe);
    const idle = workers.find(
      (w) =>
        w.state !== 'RUNNING' ||
        w.activityPoller !== 'POLLING' ||
        (w.workflowPoller !== undefined && w.workflowPoller !== 'POLLING'),
    );
    if (idle) {
      const pollers = `workflow poller ${idle.workflowPoller ?? 'none'}, activity poller ${idle.activityPoller}`;
      return {
        ready: false,
        reason: `the worker of task queue ${idle.taskQueue} is ${idle.state} (${pollers})`,
        workers,
      };
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`did not answer its health check within ${timeoutMs} ms`), timeoutMs);
    });
    const problem = await Promise.race([temporalProblem(), late]).finally(() => clearTimeout(timer));
    if (problem) return { ready: false, reason: `Temporal at ${address} ${problem}`, workers };
    return { ready: true, workers };
  };
}

function describe(worker: Worker): WorkerReadiness {
  const status = worker.getStatus();
  // Activity-only workers stop their workflow poller at once, by design: it does not count for them.
  const pollsWorkflows =
    worker.options.workflowBundle !== undefined || worker.options.workflowsPath !== undefined;
  return {
    taskQueue: worker.options.taskQueue,
    state: status.runState,
    ...(pollsWorkflows ? { workflowPoller: status.workflowPollerState } : {}),
    activityPoller: status.activityPollerState,
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
