/**
 * The SkyPilot collector: managed jobs and clusters of SkyPilot API servers, over the server's REST
 * interface with a service-account token. It never starts a local API server and never asks for a
 * refresh (which could restart the jobs controller).
 */
import type { Collector } from '../types';
import { skypilotCatalog } from './catalog';
import { collectClusters } from './clusters-group';
import { skypilotDashboard } from './dashboard';
import { URL_SECRET } from './connect';
import { skypilotDeploy } from './deploy';
import { skypilotMonitors } from './monitors';
import { collectJobs } from './jobs-group';
import { probe } from './probe';
import { skypilotSandbox } from './sandbox-fake';
import { settingsFromFlags, settingsSchema, skypilotFlags, type SkyPilotSettings } from './settings';

export const skypilotCollector: Collector<SkyPilotSettings> = {
  name: 'skypilot',
  description: 'SkyPilot managed jobs and clusters, from SkyPilot API servers.',
  catalog: skypilotCatalog,
  defaultSchedule: '10m',
  settingsSchema,
  flags: skypilotFlags,
  settingsFromFlags,
  secrets: skypilotDeploy.secrets.map((s) => s.name),
  // A server's URL, unless configured; its token only when it names its own secret (the default one
  // is optional: an API server may take requests without one).
  requiredSecrets: (settings) => [
    ...new Set(
      settings.targets.flatMap((t) => [
        ...(t.url ? [] : [t.urlSecret ?? URL_SECRET]),
        ...(t.tokenSecret ? [t.tokenSecret] : []),
      ]),
    ),
  ],
  targets: ({ settings }) =>
    Promise.resolve(settings.targets.map((t) => ({ id: t.name, tags: { skypilot_server: t.name } }))),
  collect: (ctx) => {
    if (ctx.group === 'jobs') return collectJobs(ctx);
    if (ctx.group === 'clusters') return collectClusters(ctx);
    return Promise.reject(new Error(`skypilot has no group ${ctx.group}`));
  },
  probe,
  rateBudget: {
    unitsPerSecond: 2,
    note:
      'The API server publishes no rate limit, but runs requests in a small pool of short-request workers shared with its users. ' +
      'A jobs unit costs 2 requests per page of pageSize jobs (POST, then GET /api/get), a clusters unit 2; ' +
      'at most 2 unit starts per second keeps a fleet of collectors from crowding out people.',
  },
  deploy: skypilotDeploy,
  sandbox: skypilotSandbox,
  monitors: skypilotMonitors,
  dashboard: skypilotDashboard,
};

export { skypilotCatalog } from './catalog';
export type { SkyPilotSettings } from './settings';
