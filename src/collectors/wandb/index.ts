/**
 * The Weights & Biases collector: training runs, GPU-hours, users, sweeps and best summary values of
 * W&B projects, over W&B's public GraphQL API with an API key. Its cost follows the runs active in the
 * window, never a project's history.
 *
 *   WANDB_API_KEY=… collectors collect wandb --project acme-ml/llm-pretrain
 */
import type { CollectContext, Collector } from '../types';
import { wandbCatalog } from './catalog';
import { connect } from './connect';
import { collectCounts } from './counts-group';
import { wandbDeploy } from './deploy';
import { wandbMonitors } from './monitors';
import { projectOf } from './paging';
import type { WandbPoint } from './points';
import { probe } from './probe';
import { collectRuns } from './runs-group';
import { wandbSandbox } from './sandbox-fake';
import { settingsFromFlags, settingsSchema, type WandbSettings } from './settings';
import { collectSweeps } from './sweeps-group';
import { wandbTargets } from './targets';

const GROUPS = { counts: collectCounts, runs: collectRuns, sweeps: collectSweeps } as const;

async function collect(ctx: CollectContext<WandbSettings>): Promise<WandbPoint[]> {
  const run = GROUPS[ctx.group as keyof typeof GROUPS] as (typeof GROUPS)[keyof typeof GROUPS] | undefined;
  if (!run) throw new Error(`wandb has no group ${ctx.group}`);
  const client = await connect(ctx);
  return run(ctx, client, projectOf(ctx.target));
}

export const wandbCollector: Collector<WandbSettings> = {
  name: 'wandb',
  description: 'Weights & Biases runs, GPU-hours, users, sweeps and best summary values of projects.',
  catalog: wandbCatalog,
  defaultSchedule: '30m',
  settingsSchema,
  flags: [
    {
      name: 'project',
      value: 'entity/project',
      description: 'collect this project',
      repeatable: true,
      setsTargets: true,
    },
  ],
  settingsFromFlags,
  secrets: wandbDeploy.secrets.map((s) => s.name),
  targets: wandbTargets,
  collect,
  probe,
  rateBudget: {
    unitsPerSecond: 2,
    note:
      'W&B publishes no limit for read queries (429 with RateLimit-Remaining / RateLimit-Reset when one is hit). ' +
      'A counts or sweeps unit costs 1 request, a runs unit 1 per page of the runs active in the window; ' +
      '2 unit starts a second keeps a 50-project cycle (150 units) to about a minute of gentle load.',
  },
  deploy: wandbDeploy,
  sandbox: wandbSandbox,
  monitors: wandbMonitors,
};

export { wandbCatalog } from './catalog';
export type { WandbSettings } from './settings';
