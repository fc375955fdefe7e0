/**
 * GitHub collector at organization scale (`npm run bench -- github-org`): a real deployment (config
 * file, Temporal dev server, worker replicas as `collectors worker` processes, the real Datadog sink
 * pointed at the fake intake) collecting an organization of many repos from the fake GitHub (own
 * process), slot after slot of 15 minutes run back to back: the first cold, the next warm, the fake's
 * time moving forward between them. Per slot: REST requests and GraphQL points spent, the cycle's wall
 * time, each replica's peak RSS, the histories' events and largest event. Then the cold first hour and
 * the steady state against one token's budget. `--reading` lists how the collector reads the org
 * (github-org/readings.ts): each reading in turn on a fresh deployment and dataset, the first measured
 * (`changes`, the default reading), the others as baselines of the same run (`per-repo`, the reading
 * before change detection), with the ratios between them.
 *
 * Progress on stderr, the table on stdout, everything in out/bench/github-org.json.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startFakeIntake, type FakeIntake } from '../src/fakes/datadog/intake';
import { projectRoot } from '../src/util/paths';
import { FAKE_HOST_ARG, forkFake, serveFake } from './collector/fake';
import type { Fake } from './collector/spec';
import { progressOf } from './driver/progress';
import { benchOutDir, machineUnderLoad, writeResults } from './driver/results';
import { runBench } from './driver/run';
import { startServer, stopServer } from './driver/temporal';
import { WORKFLOWS } from './github/cycle';
import { parseGithubOrgArgs, USAGE, type GithubOrgOptions } from './github-org/args';
import type { SlotActivity } from './github-org/activity';
import type { OrgFake } from './github-org/fake';
import { READING_MODES, type ReadingName } from './github-org/readings';
import { githubCollector } from '../src/collectors/github';
import { nodeOptions, Replica } from './github-org/replicas';
import {
  FIRST_HOUR_SLOTS,
  aggregate,
  compareReadings,
  readingOf,
  renderTable,
  TOKEN_BUDGET_PER_CYCLE,
  type GithubOrgResult,
  type ReadingResult,
} from './github-org/report';
import { duration, runSlot, type SlotRow } from './github-org/slot';

const NAME = 'github-org';
const ORG = 'acme';
const SLOT_MS = 15 * 60_000;
const TOKEN = 'ghp_bench_org_token';
const DD_API_KEY = 'github-org-bench-dd-api-key-0123456789';
/** The collector's rate budget: units started per second, on each replica's own queue (units are routed by repo). */
const UNITS_PER_SECOND = githubCollector.rateBudget.unitsPerSecond;

const progress = progressOf(`bench ${NAME}`);

/** Stopped on exit, Ctrl-C included. */
let fake: Fake<OrgFake> | undefined;
let intake: FakeIntake | undefined;
const replicas: Replica[] = [];

async function main(options: GithubOrgOptions): Promise<void> {
  const root = projectRoot();
  if (!existsSync(join(root, 'dist', 'workflow-bundle.js'))) {
    throw new Error(`${join(root, 'dist', 'workflow-bundle.js')} is missing: run 'npm run build' first`);
  }
  const startedAt = new Date();
  const loadBefore = loadavg();
  const server = await startServer();
  const address = server?.address ?? process.env.TEMPORAL_ADDRESS!;
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const outDir = await benchOutDir();
  const results: ReadingResult[] = [];
  for (const [i, name] of options.readings.entries()) {
    const slots = i === 0 ? options.slots : options.baselineSlots;
    results.push(await runReading(options, name, slots, { address, namespace, outDir, restart: i === 0 }));
  }
  const [first, ...baselines] = results;
  const result: GithubOrgResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      ...machineUnderLoad(loadBefore),
      temporal: { address, namespace, devServer: server !== undefined },
    },
    options,
    budget: TOKEN_BUDGET_PER_CYCLE,
    ...first!,
    baselines: baselines.map((b) => ({ ...b, versus: compareReadings(first!, b) })),
  };
  await cleanup();
  const failed = results.flatMap((r) =>
    r.slots.filter((x) => x.failedUnits > 0).map((x) => `${r.reading.name} ${x.slot}`),
  );
  await writeResults(outDir, NAME, result, renderTable(result), progress);
  if (failed.length) {
    throw new Error(`units failed in slot(s) ${failed.join(', ')}: the counts above are short`);
  }
}

/** One reading: a fresh fake GitHub and intake, a deployment of its own with its replicas, its slots. */
async function runReading(
  options: GithubOrgOptions,
  name: ReadingName,
  slots: number,
  env: { address: string; namespace: string; outDir: string; restart: boolean },
): Promise<ReadingResult> {
  const reading = READING_MODES[name];
  const units = reading.units(options.repos);
  const slotSeconds = units / (UNITS_PER_SECOND * options.replicas);
  progress(
    `reading ${name}: ${options.repos} repos (${options.busy} busy), ${units} units a cycle, started at ` +
      `the collector's ${UNITS_PER_SECOND} units/s on each of ${options.replicas} replicas (at least ` +
      `${duration(slotSeconds)} a slot); ${slots} slot(s)`,
  );

  // The first slot: the next 15-minute boundary, later by as many slots as the cycles may fall behind
  // the clock, so that no slot is older than one interval when it starts (the engine would run it as
  // a backfill). The data is generated relative to it.
  const behindMs = Math.max(0, slotSeconds * 1000 - SLOT_MS) * slots;
  const first = new Date((Math.ceil(Date.now() / SLOT_MS) + Math.ceil(behindMs / SLOT_MS)) * SLOT_MS);

  const generating = Date.now();
  fake = await forkFake<OrgFake>(process.argv[1]!, {
    org: ORG,
    busy: options.busy,
    quiet: options.repos - options.busy,
    seed: options.seed,
    now: first.toISOString(),
    latencyMs: options.latencyMs,
    token: TOKEN,
  });
  const { url: githubUrl, dataset } = fake.started;
  progress(
    `fake GitHub at ${githubUrl}: ${dataset.repos} repos generated in ${dataset.generatedMs} ms ` +
      `(started in ${Date.now() - generating} ms); first slot ${first.toISOString()}`,
  );

  let accepted = 0;
  intake = await startFakeIntake({
    apiKey: DD_API_KEY,
    onAccepted: (series) => {
      for (const s of series) accepted += s.points.length;
      // Counted, not kept: a long run would hold every series.
      intake?.series.splice(0);
    },
  });

  const deployment = `bench-github-org-${randomUUID().slice(0, 8)}`;
  const taskQueue = `${deployment}-collectors`;
  const configFile = join(env.outDir, `github-org-${name}-collectors.yaml`);
  writeFileSync(
    configFile,
    [
      '# Written by bench/github-org.ts: the deployment its worker replicas run from.',
      `deployment: ${deployment}`,
      `temporal: { address: "${env.address}", namespace: "${env.namespace}", taskQueue: ${taskQueue} }`,
      `datadog: { env: bench, service: datadog-collectors, url: "${intake.url}" }`,
      'worker: { healthPort: 0, metricsPort: 0 }',
      'collectors:',
      '  github:',
      ...reading.section({ org: ORG, apiUrl: githubUrl, ...WORKFLOWS }).map((line) => `    ${line}`),
    ].join('\n') + '\n',
  );
  replicas.splice(0);
  for (let i = 0; i < options.replicas; i++) {
    replicas.push(
      new Replica(
        i + 1,
        configFile,
        { GITHUB_TOKEN: TOKEN, DD_API_KEY, NODE_OPTIONS: nodeOptions(options.heapMiB) },
        progress,
      ),
    );
  }
  await Promise.all(replicas.map((r) => r.start()));
  progress(
    `${deployment}: ${replicas.length} replicas ready (pids ${replicas.map((r) => r.pid).join(', ')}) from ${configFile}`,
  );

  const connection = await Connection.connect({ address: env.address });
  const rows: SlotRow[] = [];
  try {
    const client = new Client({ connection, namespace: env.namespace });
    const ctx = {
      client,
      fake,
      replicas,
      taskQueue,
      deployment,
      pointsAccepted: () => accepted,
      progress,
    };
    for (let index = 1; index <= slots; index++) {
      const asOf = new Date(first.getTime() + (index - 1) * SLOT_MS);
      let activity: SlotActivity | undefined;
      if (index > 1) {
        const from = new Date(asOf.getTime() - SLOT_MS).toISOString();
        activity = await fake.call('advance', { slot: index, from, to: asOf.toISOString() });
      }
      if (reading.token === 'personal') {
        // Slot 1, 5, 9…: a new hour of the token; the buckets reset after the hour's last slot.
        const inHour = (index - 1) % FIRST_HOUR_SLOTS;
        await fake.call('tokenHour', { refill: inHour === 0, slotsLeft: FIRST_HOUR_SLOTS - inHour });
      }
      const restarted = env.restart && options.restartReplica === index;
      if (restarted) {
        await replicas[0]!.stop('SIGKILL');
        await replicas[0]!.start();
        progress(`replica 1 killed and started again (pid ${replicas[0]!.pid})`);
      }
      if (Date.now() - asOf.getTime() > SLOT_MS) {
        progress(`slot ${index} is over 15 minutes old at its start: the engine runs it as a backfill`);
      }
      const row = await runSlot(ctx, {
        index,
        of: slots,
        asOf,
        units,
        restarted,
        ...(activity ? { activity } : {}),
      });
      rows.push(row);
      progress(
        `${name} slot ${index}/${slots} done: ${row.units} units (${row.failedUnits} failed, ${skippedText(row)}), ` +
          `${row.restRequests} REST (${row.notModified} × 304), ${row.graphqlPoints} GraphQL points, ` +
          `${row.wallSeconds.toFixed(1)} s, peak RSS ${row.rssPeakMB.join(' / ')} MB, ` +
          `${row.history.events} history events (largest ${row.history.largestEventBytes} B, ${row.history.largestEvent})` +
          (row.firstError ? `; first error: ${row.firstError.slice(0, 300)}` : ''),
      );
      const p = row.history.phases;
      progress(
        `  wall: plan ${p.plan} s, batches ${p.batches} s (longest ${p.batchMax} s, unit wait ≤ ${p.unitWaitMax} s, ` +
          `unit run ≤ ${p.unitRunMax} s: ${p.slowestUnit}), finish ${p.finish} s; requests by route: ${topRoutes(row.byRoute)}`,
      );
    }
  } finally {
    await connection.close();
  }

  const logged: Record<string, number> = {};
  for (const r of replicas) for (const [msg, n] of r.logged) logged[msg] = (logged[msg] ?? 0) + n;
  await stopDeployment();
  return {
    reading: readingOf(name),
    dataset,
    deployment: { name: deployment, configFile, taskQueue },
    ...aggregate(rows),
    slots: rows,
    logged,
  };
}

/** Stops a reading's replicas (they drain), its fake and its intake; safe to call twice. */
async function stopDeployment(): Promise<void> {
  await Promise.all(replicas.map((r) => r.stop().catch(() => undefined)));
  await fake?.stop().catch(() => undefined);
  fake = undefined;
  await intake?.close().catch(() => undefined);
  intake = undefined;
}

/** Stops the deployment and the dev server; safe to call twice. */
async function cleanup(): Promise<void> {
  await stopDeployment();
  await stopServer();
}

if (process.argv[2] === FAKE_HOST_ARG) {
  serveFake<OrgFake>(`bench ${NAME}`, async (args) =>
    (await import('./github-org/fake.js')).startOrgFake(args),
  );
} else {
  runBench({ usage: USAGE, parse: parseGithubOrgArgs, main, cleanup, progress });
}

/** The routes that took the most requests, most first: `GET /repos/:owner/:repo 12 (+40 × 304)`. */
function topRoutes(byRoute: SlotRow['byRoute'], n = 6): string {
  return Object.entries(byRoute)
    .sort(([, a], [, b]) => b.charged + b.notModified - (a.charged + a.notModified))
    .slice(0, n)
    .map(([route, c]) => `${route} ${c.charged}${c.notModified ? ` (+${c.notModified} × 304)` : ''}`)
    .join('; ');
}

/** `242 skipped: 242 branches`. */
function skippedText(row: SlotRow): string {
  const byGroup = Object.entries(row.skippedByGroup).map(([group, n]) => `${n} ${group}`);
  return `${row.skippedUnits} skipped${byGroup.length ? `: ${byGroup.join(', ')}` : ''}`;
}
