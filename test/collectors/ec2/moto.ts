/**
 * The EC2 collector's tests against moto, the AWS emulator the global setup starts: each test file
 * works in accounts of its own (moto keeps one state per account, reached by AssumeRole into it), and
 * the collector reaches moto through the fake AWS in front of it, which answers the Price List API and
 * spot prices (moto has none) and forwards the rest.
 */
import { randomInt } from 'node:crypto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  AttachVolumeCommand,
  CreateVolumeCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  type _InstanceType,
  type VolumeType,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { forgetSessions } from '../../../src/collectors/ec2/aws';
import { ec2Collector } from '../../../src/collectors/ec2';
import { forgetInstanceTypes } from '../../../src/collectors/ec2/instance-types';
import { forgetPrices } from '../../../src/collectors/ec2/prices';
import { settingsSchema, type Ec2Settings } from '../../../src/collectors/ec2/settings';
import { targetOf } from '../../../src/collectors/ec2/targets';
import type { Point } from '../../../src/catalog/model';
import type { SecretResolver } from '../../../src/secrets/types';

/** moto's own keys: anything is accepted, and this pair is its default account's. */
export const MOTO_KEYS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
export const AMI = 'ami-12c6146b';

export function motoEndpoint(): string {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (!endpoint) throw new Error('MOTO_ENDPOINT is not set: the global setup starts moto');
  return endpoint;
}

/** A 12-digit account id no other test uses: a clean moto state. */
export function freshAccount(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

export const roleOf = (account: string) => `arn:aws:iam::${account}:role/collectors-ec2-read`;

/** Seeding clients in `account`'s moto state, in `region`. */
export async function motoAccount(account: string, region: string) {
  const sts = new STSClient({ region, endpoint: motoEndpoint(), credentials: MOTO_KEYS });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleOf(account), RoleSessionName: 'seed' }));
  const c = out.Credentials!;
  const credentials = {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  };
  const ec2 = new EC2Client({ region, endpoint: motoEndpoint(), credentials });
  const cloudwatch = new CloudWatchClient({ region, endpoint: motoEndpoint(), credentials });
  return {
    ec2,
    async run(
      type: string,
      az: string,
      options: { spot?: boolean } = {},
    ): Promise<{ id: string; launchTime: Date }> {
      const run = await ec2.send(
        new RunInstancesCommand({
          ImageId: AMI,
          MinCount: 1,
          MaxCount: 1,
          InstanceType: type as _InstanceType,
          Placement: { AvailabilityZone: az },
          ...(options.spot ? { InstanceMarketOptions: { MarketType: 'spot' } } : {}),
        }),
      );
      const instance = run.Instances![0]!;
      return { id: instance.InstanceId!, launchTime: instance.LaunchTime! };
    },
    async stop(id: string): Promise<void> {
      await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    },
    async volume(size: number, type: VolumeType, az: string, attachTo?: string): Promise<string> {
      const v = await ec2.send(
        new CreateVolumeCommand({
          Size: size,
          VolumeType: type,
          AvailabilityZone: az,
          ...(type.startsWith('io') ? { Iops: 3000 } : {}),
        }),
      );
      if (attachTo)
        await ec2.send(
          new AttachVolumeCommand({ VolumeId: v.VolumeId!, InstanceId: attachTo, Device: '/dev/sdf' }),
        );
      return v.VolumeId!;
    },
    /** 5-minute CPU averages, the first value the latest: at asOf − 5 min, asOf − 10 min, … */
    async cpu(id: string, asOf: Date, values: readonly number[]): Promise<void> {
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/EC2',
          MetricData: values.map((value, k) => ({
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: id }],
            Timestamp: new Date(asOf.getTime() - (k + 1) * 300_000),
            Value: value,
            Unit: 'Percent',
          })),
        }),
      );
    },
  };
}

export function secretsOf(values: Readonly<Record<string, string>>): SecretResolver {
  return {
    get: (name) => Promise.resolve(values[name]),
    require: (name) => {
      const v = values[name];
      return v === undefined ? Promise.reject(new Error(`no ${name}`)) : Promise.resolve(v);
    },
  };
}

export const STATIC_SECRETS = secretsOf({
  'ec2/access-key-id': MOTO_KEYS.accessKeyId,
  'ec2/secret-access-key': MOTO_KEYS.secretAccessKey,
});

export function settings(section: unknown): Ec2Settings {
  return settingsSchema.parse(section);
}

/** Every cache of the collector's worker memory emptied: each test starts cold. */
export function forgetCaches(): void {
  forgetPrices();
  forgetInstanceTypes();
  forgetSessions();
}

/** One unit, as the engine runs it (without the catalog check: the tests check values). */
export function collectUnit(
  s: Ec2Settings,
  group: string,
  account: string,
  region: string,
  asOf: Date,
  secrets: SecretResolver = STATIC_SECRETS,
): Promise<Point[]> {
  return ec2Collector.collect(
    unitContext({ settings: s, secrets, asOf, group, target: targetOf(account, region) }),
  );
}

/** name → value of untagged points; `name{tag}` → value of tagged ones. */
export function byName(points: readonly Point[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of points) {
    const tags = Object.values(p.tags ?? {});
    out[tags.length ? `${p.metric}{${tags.join(',')}}` : p.metric] = p.value;
  }
  return out;
}
