/**
 * The bench's deployment, set up the way an operator's is: a config file naming the Temporal server
 * and the (fake) Datadog intake, the worker `collectors worker` would run (createWorker, config read
 * from the file and re-read when it changes), the real Datadog sink, and the schedules created by the
 * project's own sync code from that file.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Client } from '@temporalio/client';
import { DefaultLogger } from '@temporalio/worker';
import type { Registry } from '../../src/collectors/types';
import { loadConfig, type Config } from '../../src/config';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { createLogger, type Logger } from '../../src/log';
import { scheduleId } from '../../src/temporal/schedule-spec';
import { syncSchedules, type SyncChange } from '../../src/temporal/schedules';
import { createWorker, type RunningWorkers } from '../../src/temporal/worker';
import { noSecrets } from '../driver/secrets';
import { progress } from '../driver/temporal';
import { opsCollector } from './collector';
import type { OpsIntake } from './intake';

/** The live collector (a 5 s schedule, no historical ingestion) and the backfilled one (with it). */
export const LIVE = 'ops';
export const BACKFILL = 'ops_backfill';
export const ENV = 'bench';
export const SERVICE = 'datadog-collectors';

export const registry: Registry = new Map([
  [LIVE, opsCollector(LIVE)],
  [BACKFILL, opsCollector(BACKFILL)],
]);

export interface DeploymentShape {
  readonly address: string;
  readonly namespace: string;
  readonly intakeUrl: string;
  readonly intervalSeconds: number;
  readonly liveTargets: number;
  readonly backfillTargets: number;
}

export interface OpsDeployment {
  readonly name: string;
  readonly path: string;
  readonly scheduleId: string;
  config(): Config;
  /** Adds the backfilled collector's section (historical ingestion on) to the file; the worker reloads it. */
  addBackfillCollector(): void;
}

export function opsDeployment(dir: string, shape: DeploymentShape): OpsDeployment {
  const name = `bench-ops-${randomUUID().slice(0, 8)}`;
  const path = join(dir, 'ops-collectors.yaml');
  const write = (withBackfill: boolean) => {
    const lines = [
      '# Written by bench/ops.ts: the deployment its worker and schedule run from.',
      `deployment: ${name}`,
      `temporal: { address: "${shape.address}", namespace: "${shape.namespace}" }`,
      `datadog: { env: ${ENV}, service: ${SERVICE}, url: "${shape.intakeUrl}" }`,
      'worker: { healthPort: 0, metricsPort: 0 }',
      'collectors:',
      `  ${LIVE}:`,
      `    schedule: ${shape.intervalSeconds}s`,
      `    targets: { count: ${shape.liveTargets} }`,
    ];
    if (withBackfill) {
      lines.push(
        `  ${BACKFILL}:`,
        '    schedule: 1d',
        '    historicalIngestion: { enabled: true }',
        `    targets: { count: ${shape.backfillTargets} }`,
      );
    }
    writeFileSync(path, lines.join('\n') + '\n');
  };
  write(false);
  return {
    name,
    path,
    scheduleId: scheduleId(name, LIVE),
    // The environment is left out: DD_URL or TEMPORAL_ADDRESS in the shell must not redirect the bench.
    config: () => loadConfig({ path, registry, required: true, env: {} }),
    addBackfillCollector: () => write(true),
  };
}

/** Counts the worker's log lines by message; errors also go to stderr. */
export function countingLogger(): Logger & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const log = createLogger({
    level: 'warn',
    write: (line) => {
      const record = JSON.parse(line) as { msg?: string; level?: string };
      const msg = record.msg ?? '?';
      counts.set(msg, (counts.get(msg) ?? 0) + 1);
      if (record.level === 'error') progress(`worker error: ${line}`);
    },
  });
  return Object.assign(log, { counts });
}

/** The SDK's warnings, counted; shown on stderr except the ones the outage drill provokes by design. */
export function countingSdkLogger(counts: Map<string, number>): DefaultLogger {
  const expected = ['No workflows registered', 'Activity failed'];
  return new DefaultLogger('WARN', ({ level, message, meta }) => {
    const key = `temporal: ${message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (expected.some((e) => message.startsWith(e))) return;
    const attrs = meta ? ` ${inspect(meta, { breakLength: Infinity, depth: 3 })}` : '';
    progress(`temporal ${level.toLowerCase()}: ${message}${attrs}`);
  });
}

/** The worker `collectors worker` runs, with the real Datadog sink pointed at the intake. */
export async function startOpsWorker(
  d: OpsDeployment,
  intake: OpsIntake,
  log: Logger,
): Promise<RunningWorkers> {
  const config = d.config();
  const sink = createDatadogSink({ apiKey: intake.apiKey, url: config.datadog.url, log });
  return createWorker({
    config,
    configPath: d.path,
    registry,
    secrets: noSecrets,
    sink,
    log,
    env: {},
  });
}

/** `collectors schedules sync`, in-process: creates the live collector's schedule from the file. */
export async function syncFromConfig(client: Client, d: OpsDeployment): Promise<SyncChange[]> {
  return syncSchedules(client, d.config(), { prune: false });
}
