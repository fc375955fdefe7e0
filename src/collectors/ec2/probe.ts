/** `collectors doctor`: per account, whose credentials these are and that EC2 answers in its first region. */
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { PlanContext } from '../types';
import { connect } from './aws';
import type { Ec2Settings } from './settings';

export async function probe(ctx: PlanContext<Ec2Settings>): Promise<string> {
  const lines: string[] = [];
  for (const account of ctx.settings.targets.accounts) {
    const region = account.regions[0]!;
    const clients = await connect({
      settings: ctx.settings,
      secrets: ctx.secrets,
      signal: ctx.signal,
      account,
      region,
    });
    try {
      // GetCallerIdentity needs no permission: it proves the credentials; DescribeInstances the policy.
      const who = await clients.send(
        (o) => clients.sts.send(new GetCallerIdentityCommand({}), o),
        'sts:GetCallerIdentity',
      );
      await clients.send(
        (o) => clients.ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }), o),
        'ec2:DescribeInstances',
      );
      lines.push(
        `account ${account.name}: AWS account ${who.Account ?? '?'} as ${who.Arn ?? '?'}, EC2 answers in ${region}`,
      );
    } finally {
      clients.destroy();
    }
  }
  return lines.join('; ');
}
