/**
 * The Asana collector: tasks, velocity, priorities, milestones and project status of Asana projects,
 * over Asana's REST API with a personal access token. A cycle reads each project's open tasks and
 * those completed in the window, never its whole history.
 *
 *   ASANA_TOKEN=… collectors collect asana --project <workspace gid>/<project gid>
 */
import { PermanentError } from '../../errors';
import type { CollectContext, Collector, RateBudget } from '../types';
import { asanaCatalog, type GroupName } from './catalog';
import type { AsanaClient } from './client';
import { connect } from './connect';
import { asanaDeploy } from './deploy';
import { asanaMonitors } from './monitors';
import type { AsanaPoint } from './points';
import { probe } from './probe';
import { asanaSandbox } from './sandbox-fake';
import {
  FREE_PLAN_REQUESTS_PER_MINUTE,
  settingsFromFlags,
  settingsSchema,
  type AsanaSettings,
} from './settings';
import { collectStatus } from './status-group';
import { asanaTargets } from './targets';
import { collectTasks } from './tasks-group';

const GROUPS: Record<
  GroupName,
  (ctx: CollectContext<AsanaSettings>, client: AsanaClient) => Promise<AsanaPoint[]>
> = { tasks: collectTasks, status: collectStatus };

async function collect(ctx: CollectContext<AsanaSettings>): Promise<AsanaPoint[]> {
  const run = GROUPS[ctx.group as GroupName] as (typeof GROUPS)[GroupName] | undefined;
  if (!run) throw new PermanentError(`asana has no group "${ctx.group}"`, 'use tasks or status');
  const client = await connect(ctx);
  const started = Date.now();
  try {
    return await run(ctx, client);
  } finally {
    ctx.log.debug('asana requests', {
      group: ctx.group,
      project: ctx.target.id,
      requests: client.requests,
      ms: Date.now() - started,
    });
  }
}

/**
 * 0.4 unit starts a second for 150 requests a minute, in proportion for other limits: a status unit
 * costs 1 request, a tasks unit 1 per 100 tasks open or completed in W (and rarely a look-up or the
 * cycle's search), so 24 units a minute keep a cycle under 150 requests a minute while units average
 * at most 6 requests (npm run bench -- asana).
 */
export function rateBudget(requestsPerMinute: number): RateBudget {
  return {
    unitsPerSecond: (0.4 * requestsPerMinute) / FREE_PLAN_REQUESTS_PER_MINUTE,
    note:
      `Asana allows ${requestsPerMinute} requests a minute per token (options.requestsPerMinute: 150 on the free plan, ` +
      '1,500 on paid plans; 429 with Retry-After past it). A status unit costs 1 request, a tasks unit 1 per 100 tasks ' +
      'open or completed in the window: starts are paced so that units averaging 6 requests stay under the limit.',
  };
}

export const asanaCollector: Collector<AsanaSettings> = {
  name: 'asana',
  description: 'Asana tasks, velocity, priorities, milestones and project status of a workspace’s projects.',
  catalog: asanaCatalog,
  defaultSchedule: '6h',
  settingsSchema,
  flags: [
    {
      name: 'project',
      value: 'workspace-gid/project-gid',
      description: 'collect this project',
      repeatable: true,
      setsTargets: true,
    },
  ],
  settingsFromFlags,
  secrets: asanaDeploy.secrets.map((s) => s.name),
  targets: asanaTargets,
  collect,
  probe,
  rateBudget: rateBudget(FREE_PLAN_REQUESTS_PER_MINUTE),
  rateBudgetFor: (settings) => rateBudget(settings.options.requestsPerMinute),
  deploy: asanaDeploy,
  sandbox: asanaSandbox,
  monitors: asanaMonitors,
};

export { asanaCatalog } from './catalog';
export type { AsanaSettings } from './settings';
