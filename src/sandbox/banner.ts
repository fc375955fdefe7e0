/** What `collectors dev` prints once everything runs: the banner, and what to look at. */
import { relative } from 'node:path';
import type { Config } from '../config';
import { describeSpec, scheduleId } from '../temporal/schedule-spec';
import type { SandboxService } from '.';

export interface Surroundings {
  readonly config: Config;
  /** The Web UI's base URL when `collectors dev` started the dev server. */
  readonly webUi?: string;
  /** The `temporal` CLI, for the commands it suggests. */
  readonly temporalCli: string;
  /** How points leave: `dry-run`, or the Datadog site they go to. */
  readonly sink: string;
  /** What `collectors datadog apply` would create (src/sandbox/datadog-plan.ts). */
  readonly datadogResources?: string;
}

const RULE = '─'.repeat(100);

function schedulesLine(config: Config): string {
  return Object.values(config.collectors)
    .filter((c) => c.enabled)
    .map((c) => `${scheduleId(config.deployment, c.name)} (${describeSpec(c)})`)
    .join(', ');
}

function rows(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

export function sandboxBanner(services: readonly SandboxService[], s: Surroundings): string {
  const { config } = s;
  const fakes = services.map((f) => `fake ${f.service} on ${f.url}`).join(', ');
  const ui = s.webUi ? `Web UI ${s.webUi}` : 'Web UI: that of your Temporal server';
  return [
    '',
    RULE,
    `SANDBOX: ${fakes}; points are printed, not sent; ${ui}`,
    RULE,
    rows([
      ...services.map((f) => [`fake ${f.service}`, `${f.url}  ${f.serves}`] as const),
      [
        'Datadog',
        'never called: every point is printed below and appended to out/dry-run/points-<date>.jsonl',
      ],
      ...(s.datadogResources !== undefined ? [['Datadog resources', s.datadogResources] as const] : []),
      ['tags', `env:${config.datadog.env} on every point (deployment "${config.deployment}")`],
      ['schedules', `${schedulesLine(config)}; a first cycle of each starts now`],
      [
        'Temporal',
        `${config.temporal.address}, namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue}`,
      ],
      ...(s.webUi ? [['Web UI', s.webUi] as const] : []),
    ]),
    RULE,
  ].join('\n');
}

export function realBanner(s: Surroundings): string {
  const { config } = s;
  return [
    '',
    RULE,
    `RUNNING FOR REAL: config ${config.source}, deployment "${config.deployment}", points ${s.sink === 'dry-run' ? 'printed, not sent (--dry-run)' : `sent to Datadog (${s.sink})`}`,
    RULE,
    rows([
      ['schedules', schedulesLine(config) || 'none (no collector is enabled)'],
      ['tags', `env:${config.datadog.env}, service:${config.datadog.service}`],
      [
        'Temporal',
        `${config.temporal.address}, namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue}`,
      ],
      ...(s.webUi ? [['Web UI', s.webUi] as const] : []),
    ]),
    RULE,
  ].join('\n');
}

/** The places to look at, and how to go on. */
export function whatToLookAt(s: Surroundings, sandbox: boolean): string {
  const { config } = s;
  const ns = encodeURIComponent(config.temporal.namespace);
  const cli = relative(process.cwd(), s.temporalCli) || s.temporalCli;
  const first = Object.values(config.collectors).find((c) => c.enabled);
  const lines = [
    'What to look at:',
    sandbox || s.sink === 'dry-run'
      ? '  • below: "=== <collector> · data" blocks hold the points of each batch; "=== <collector> · cycle finished"\n' +
        '    sums a cycle up (units, failures, points, duration) above its health points (collector.<name>.*)'
      : '  • the worker logs below (JSON lines); the points go to Datadog',
  ];
  if (s.webUi) {
    lines.push(
      `  • Web UI, schedules:  ${s.webUi}/namespaces/${ns}/schedules`,
      `  • Web UI, workflows:  ${s.webUi}/namespaces/${ns}/workflows  (a cycle → its batch child workflows →`,
      '    one collectGroup activity per unit, group × target, then submitMetrics)',
    );
  }
  const { healthPort, metricsPort } = config.worker;
  if (healthPort || metricsPort) {
    lines.push(
      '  • the worker: ' +
        [
          healthPort ? `http://localhost:${healthPort}/readyz` : '',
          metricsPort ? `Prometheus metrics http://localhost:${metricsPort}/metrics` : '',
        ]
          .filter(Boolean)
          .join(', '),
    );
  }
  if (first) {
    lines.push(
      `  • a cycle now:  ${cli} schedule trigger --address ${config.temporal.address} ` +
        `--namespace ${config.temporal.namespace} --schedule-id ${scheduleId(config.deployment, first.name)} ` +
        '--overlap-policy AllowAll',
    );
  }
  if (sandbox) {
    lines.push(
      `  • from another terminal: node bin/collectors.js schedules list --sandbox (and trigger, pause, unpause,` +
        ` collect ${first?.name ?? '<name>'} with --sandbox: no address or token needed)`,
      '  • real services next: README.md, "From the sandbox to real services" (then `collectors doctor`)',
    );
  }
  const rest = [sandbox ? 'the fakes' : '', s.webUi ? 'the dev server' : ''].filter(Boolean).join(' and ');
  lines.push(
    `Ctrl-C stops everything: the worker drains${rest ? `, then ${rest} ${sandbox ? 'stop' : 'stops'}` : ''}.`,
    '',
  );
  return lines.join('\n');
}
