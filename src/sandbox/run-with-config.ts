/**
 * `collectors dev` with a config file: for real. The worker for the file's deployment, its schedules
 * synced; points go to Datadog unless the run is a dry run. A dev server is started when the config's
 * Temporal is on this machine.
 */
import type { Config } from '../config';
import type { Sink } from '../datadog/types';
import type { SecretResolver } from '../secrets/types';
import { temporalBinary } from '../temporal/dev-server';
import { proxySettings } from '../util/http-proxy';
import { realBanner, whatToLookAt, type Surroundings } from './banner';
import { createConsoleSink } from './console-sink';
import type { LocalTemporal } from './local-temporal';
import type { DevSession, Ports } from './session';

export interface ConfigRun {
  /** The config as read before anything starts. */
  readonly config: Config;
  /** Reads the config again, with `env` as it is then (a started dev server's address in it). */
  readonly reload: () => Config;
  /** The environment the worker reads; a started dev server's address is written into it. */
  readonly env: NodeJS.ProcessEnv;
  readonly secrets: SecretResolver;
  /** The Datadog sink, or none for a dry run. */
  readonly datadog?: Sink;
  readonly out: NodeJS.WritableStream;
  /** A dev server may be started (neither --no-server nor TEMPORAL_ADDRESS). */
  readonly serverAllowed: boolean;
  /** --port or TEMPORAL_PORT was given: it wins over the port of the config's address. */
  readonly portGiven: boolean;
  readonly ports: Ports;
}

export async function runWithConfig(session: DevSession, run: ConfigRun): Promise<void> {
  const { env, datadog, ports } = run;
  const first = run.config;
  const log = session.log;
  const useServer = run.serverAllowed && isLoopback(first.temporal.address);
  if (run.serverAllowed && !useServer) {
    session.say(
      `[dev] ${first.source} names Temporal at ${first.temporal.address}: no dev server is started`,
    );
  }
  const proxy = proxySettings(env);
  if (proxy) log.info('outbound HTTP goes through a proxy', { ...proxy });
  await session.guard(async () => {
    let temporal: LocalTemporal | undefined;
    if (useServer) {
      // The config's own port, unless --port or TEMPORAL_PORT says otherwise.
      const port = run.portGiven ? ports.port : Number(/:(\d+)$/.exec(first.temporal.address)![1]);
      temporal = await session.startTemporal({ ...ports, port }, 'dev.sqlite');
      if (!temporal) return;
      // Through the env, not by editing the Config: the worker reloads the file with the same env.
      env.TEMPORAL_ADDRESS = temporal.address;
      delete env.TEMPORAL_API_KEY;
    }
    const config = temporal ? run.reload() : first;
    const surroundings: Surroundings = {
      config,
      webUi: temporal?.uiUrl,
      temporalCli: temporalBinary(),
      sink: datadog ? config.datadog.site : 'dry-run',
    };
    await session.serve({
      config,
      env,
      secrets: run.secrets,
      sink:
        datadog ??
        createConsoleSink({
          out: run.out,
          log,
          webUi: temporal?.uiUrl,
          namespace: config.temporal.namespace,
        }),
      trigger: false,
      prune: false,
      announce: () => [realBanner(surroundings), whatToLookAt(surroundings, false)].join('\n'),
    });
  });
}

function isLoopback(address: string): boolean {
  const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
