/**
 * A real worker process for the operations tests (SIGTERM drain, SIGKILL recovery, probes, metrics,
 * proxy), started from TypeScript sources without a build:
 *
 *   node -r ./test/support/swc-register.js test/support/worker-process.ts <config file>
 *
 * It runs what `collectors worker` runs (`serveWorker`: health and metrics ports from the config file,
 * a graceful drain on SIGTERM) with the proxy dispatcher of the CLI, the synthetic collector and the
 * real Datadog sink (DD_URL and DD_API_KEY from env: a fake intake). WORKFLOW_BUNDLE_PATH is the test
 * run's workflow bundle. Logs are JSON lines on stderr; each unit logs `unit started` and
 * `unit finished` (with its group, target and attempt) so a test can act at the right moment.
 *
 * With SYNTHETIC_SOURCE_URL set, every unit first GETs that URL through `ctx.fetch`, as a real
 * collector calls its source's API.
 */
import { loadConfig } from '../../src/config';
import type { Collector } from '../../src/collectors/types';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { createLogger } from '../../src/log';
import { createSecretResolver } from '../../src/secrets/resolver';
import { serveWorker } from '../../src/temporal/worker';
import { installHttpProxy } from '../../src/util/http-proxy';
import { syntheticCollector, type SyntheticSettings } from './synthetic-collector';

/** The synthetic collector, logging each unit and optionally calling a source first. */
export function observedCollector(sourceUrl?: string): Collector<SyntheticSettings> {
  return {
    ...syntheticCollector,
    async collect(ctx) {
      ctx.log.info('unit started', { attempt: ctx.attempt, pid: process.pid });
      if (sourceUrl) {
        const res = await ctx.fetch(sourceUrl, { signal: ctx.signal });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`the source answered HTTP ${res.status}`);
      }
      const points = await syntheticCollector.collect(ctx);
      ctx.log.info('unit finished', { attempt: ctx.attempt, pid: process.pid });
      return points;
    },
  };
}

async function main(): Promise<void> {
  installHttpProxy(process.env);
  const log = createLogger({ level: 'info', attrs: { pid: process.pid } });
  const path = process.argv[2];
  if (!path) throw new Error('usage: worker-process.ts <config file>');
  const registry = new Map([['synthetic', observedCollector(process.env.SYNTHETIC_SOURCE_URL)]]);
  const config = loadConfig({ path, env: process.env, registry, required: true });
  const secrets = createSecretResolver({
    backend: 'env',
    env: process.env,
    declared: [],
    ttlMs: config.secrets.ttlMs,
    log,
  });
  const sink = createDatadogSink({
    apiKey: await secrets.require('datadog/api-key'),
    url: config.datadog.url,
    site: config.datadog.site,
    requestTimeoutMs: 5_000,
    log,
  });
  await serveWorker({
    config,
    configPath: path,
    registry,
    secrets,
    sink,
    log,
    env: process.env,
    workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
  });
  log.info('worker process exits');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(
      JSON.stringify({ level: 'error', msg: 'worker process failed', error: String(err) }) + '\n',
    );
    process.exit(1);
  });
}
