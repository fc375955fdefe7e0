/**
 * The AWS EC2 collector: instances, GPUs, real prices and costs, CPU over the last hour (idle
 * machines), and EBS volumes (orphaned ones and their cost) of AWS accounts × regions, with the AWS
 * SDK. Prices come from AWS (Price List API, spot price history), never from a guess.
 *
 *   collectors collect ec2                        # collectors.ec2 of collectors.yaml
 *   collectors collect ec2 --region us-east-1     # the credentials' own account
 */
import type { CollectContext, Collector, PlanContext } from '../types';
import type * as Aws from './aws';
import { ec2Catalog } from './catalog';
import { ec2Deploy } from './deploy';
import { ec2Monitors } from './monitors';
import type * as InstancesGroup from './instances-group';
import type { Ec2Point } from './points';
import type * as Probe from './probe';
import { ec2Sandbox } from './sandbox-fake';
import { ec2Flags, settingsFromFlags, settingsSchema, type Ec2Settings } from './settings';
import { ec2Targets, resolveTarget } from './targets';
import type * as VolumesGroup from './volumes-group';

/**
 * The modules that use the AWS SDK, loaded when a unit or the probe runs: the SDK's clients take
 * about 0.6 s and 100 MB, which every `collectors` command would otherwise pay at start.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const aws = () => require('./aws') as typeof Aws;
const groups = () => ({
  instances: (require('./instances-group') as typeof InstancesGroup).collectInstances,
  volumes: (require('./volumes-group') as typeof VolumesGroup).collectVolumes,
});
const probe = (ctx: PlanContext<Ec2Settings>) => (require('./probe') as typeof Probe).probe(ctx);
/* eslint-enable @typescript-eslint/no-require-imports */

async function collect(ctx: CollectContext<Ec2Settings>): Promise<Ec2Point[]> {
  const GROUPS = groups();
  const run = GROUPS[ctx.group as keyof typeof GROUPS] as (typeof GROUPS)[keyof typeof GROUPS] | undefined;
  if (!run) throw new Error(`ec2 has no group ${ctx.group}`);
  const { account, region } = resolveTarget(ctx.settings, ctx.target);
  const clients = await aws().connect({
    settings: ctx.settings,
    secrets: ctx.secrets,
    signal: ctx.signal,
    account,
    region,
  });
  try {
    return await run(ctx, clients);
  } finally {
    clients.destroy();
  }
}

export const ec2Collector: Collector<Ec2Settings> = {
  name: 'ec2',
  description:
    'AWS EC2 instances, GPUs, costs from real prices, idle instances and EBS volumes of accounts × regions.',
  catalog: ec2Catalog,
  defaultSchedule: '5m',
  settingsSchema,
  flags: ec2Flags,
  settingsFromFlags,
  secrets: ec2Deploy.secrets.map((s) => s.name),
  // Both secrets are optional (the default credential chain otherwise): a run needs none of them.
  requiredSecrets: () => [],
  targets: ec2Targets,
  collect,
  probe,
  rateBudget: {
    unitsPerSecond: 2,
    note:
      'EC2 Describe calls share a per-account, per-region token bucket (RequestLimitExceeded when spent; 100 a second to start, refilled at 20). ' +
      'A unit costs one call per 1,000 instances or 500 volumes, one GetMetricData per 500 running instances, and a Pricing call per region only for prices not read in the last day; ' +
      '2 unit starts a second stays far below every bucket.',
  },
  deploy: ec2Deploy,
  sandbox: ec2Sandbox,
  monitors: ec2Monitors,
};

export { ec2Catalog } from './catalog';
export type { Ec2Settings } from './settings';
