/**
 * `collectors dev` without a config file (or with --sandbox): every implemented collector against its
 * loopback fake, points printed (never sent, even with a Datadog key) with `env:sandbox`, the
 * schedules every 30 s and a first cycle of each started at once.
 */
import { Agent, setGlobalDispatcher } from 'undici';
import type { Registry } from '../collectors/types';
import { temporalBinary } from '../temporal/dev-server';
import { proxySettings } from '../util/http-proxy';
import type * as SandboxModuleNs from './index';
import type { SandboxFakes } from './index';
import { sandboxBanner, whatToLookAt, type Surroundings } from './banner';
import { temporalEnvOf } from './config';
import { createConsoleSink } from './console-sink';
import { previewDatadogResources } from './datadog-plan';
import { asError } from './errors';
import { STOPS, type DevSession, type Ports } from './session';
import { SANDBOX_STATE_VERSION, writeSandboxState } from './state';

export interface SandboxRun {
  readonly env: NodeJS.ProcessEnv;
  readonly registry: Registry;
  readonly out: NodeJS.WritableStream;
  /** Start a Temporal dev server (else use TEMPORAL_ADDRESS or the default address). */
  readonly startServer: boolean;
  readonly ports: Ports;
  /** The worker's ports when not given as options: read (and checked) only once the fakes run. */
  readonly defaultHealthPort: () => number;
  readonly defaultMetricsPort: () => number;
  /** Where the state file goes (default `.temporal/sandbox.json`). */
  readonly statePath?: string;
}

export async function runSandbox(session: DevSession, run: SandboxRun): Promise<void> {
  const { env, ports } = run;
  const log = session.log;
  // The sandbox talks to loopback fakes only: an HTTP(S)_PROXY of the shell must not catch those calls.
  if (proxySettings(env)) setGlobalDispatcher(new Agent());
  let removeState: (() => void) | undefined;
  try {
    await session.guard(async () => {
      // Side by side (the dev server takes seconds); both settle before anything else, so whatever
      // started is registered for the stop even when the other failed.
      const [fakes, temporal] = await settleAll(
        session.step(
          STOPS.fakes,
          // Loaded here, not at start: the fakes use dev dependencies (graphql) that a production
          // image (npm ci --omit=dev) does not install, and every other command must still start.
          () => loadSandbox().startSandboxFakes(run.registry),
          (f: SandboxFakes) => f.close(),
        ),
        run.startServer ? session.startTemporal(ports, 'sandbox.sqlite') : Promise.resolve(undefined),
      );
      if (!fakes || (run.startServer && !temporal)) return; // stopped while starting
      for (const name of fakes.skipped) {
        session.say(
          `[dev] ${name} has no fake yet: it is left out of the sandbox (never run against the real service)`,
        );
      }
      const config = fakes.config({
        temporalAddress: temporal?.address ?? env.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.port}`,
        namespace: temporal ? undefined : env.TEMPORAL_NAMESPACE,
        healthPort: ports.healthPort ?? run.defaultHealthPort(),
        metricsPort: ports.metricsPort ?? run.defaultMetricsPort(),
        temporalEnv: temporal ? {} : temporalEnvOf(env),
      });
      // Worked out while the worker starts; the banner waits for it. A failure is one line of it.
      const datadogResources = previewDatadogResources(config, run.registry).catch(
        (err: unknown) => `no plan: ${asError(err).message}`,
      );
      const surroundings: Surroundings = {
        config,
        webUi: temporal?.uiUrl,
        temporalCli: temporalBinary(),
        sink: 'dry-run',
      };
      // For `--sandbox` commands run beside it (./state.ts); removed when the sandbox stops.
      removeState = writeSandboxState(
        {
          version: SANDBOX_STATE_VERSION,
          pid: process.pid,
          startedAt: new Date().toISOString(),
          deployment: config.deployment,
          temporal: {
            address: config.temporal.address,
            namespace: config.temporal.namespace,
            devServer: temporal !== undefined,
            ...(temporal ? { webUi: temporal.uiUrl } : {}),
          },
          fakes: fakes.services.map((s) => ({
            collector: s.collector,
            service: s.service,
            url: s.url,
            section: fakes.sections[s.collector]!,
          })),
          secretsEnv: fakes.secretsEnv,
        },
        run.statePath,
      );
      await session.serve({
        config,
        env: temporal ? {} : temporalEnvOf(env),
        secrets: fakes.secrets(log),
        // Forced: the sandbox never sends a point, whatever keys the environment holds.
        sink: createConsoleSink({
          out: run.out,
          log,
          webUi: temporal?.uiUrl,
          namespace: config.temporal.namespace,
        }),
        trigger: true,
        prune: true,
        announce: async () => {
          const withResources = { ...surroundings, datadogResources: await datadogResources };
          return [sandboxBanner(fakes.services, withResources), whatToLookAt(surroundings, true)].join('\n');
        },
      });
    });
  } finally {
    removeState?.();
  }
}

/** Like Promise.all, but rejects only once every promise has settled. */
async function settleAll<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw asError(ra.reason);
  if (rb.status === 'rejected') throw asError(rb.reason);
  return [ra.value, rb.value];
}

type SandboxModule = typeof SandboxModuleNs;

/** The sandbox's fakes, required on first use (see where it is called). */
function loadSandbox(): SandboxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./index') as SandboxModule;
}
