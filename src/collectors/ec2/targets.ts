/** The cycle's targets: one per configured account × region, `<account>/<region>`. No AWS call. */
import { PermanentError } from '../../errors';
import type { PlanContext, Target } from '../types';
import type { AccountSettings, Ec2Settings } from './settings';

export function ec2Targets(ctx: PlanContext<Ec2Settings>): Promise<Target[]> {
  return Promise.resolve(
    ctx.settings.targets.accounts.flatMap((account) =>
      account.regions.map((region) => targetOf(account.name, region)),
    ),
  );
}

export function targetOf(account: string, region: string): Target {
  return { id: `${account}/${region}`, tags: { account, region } };
}

/** The account and region a target names (from config: the target's account is configured). */
export function resolveTarget(
  settings: Ec2Settings,
  target: Target,
): { account: AccountSettings; region: string } {
  const account = settings.targets.accounts.find((a) => a.name === target.tags.account);
  const region = target.tags.region;
  if (!account || !region || !account.regions.includes(region)) {
    throw new PermanentError(
      `EC2 target ${target.id} is not in the configuration`,
      'list the account and region under collectors.ec2.targets.accounts',
    );
  }
  return { account, region };
}
