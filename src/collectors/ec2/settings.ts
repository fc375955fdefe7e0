/**
 * The `collectors.ec2` section: `targets` (AWS accounts, each with its regions and, for an account
 * other than the workers' own, the role to assume) and `options`. Issue paths are relative to the
 * section.
 *
 * ```yaml
 * collectors:
 *   ec2:
 *     targets:
 *       accounts:
 *         - name: prod                        # the `account` tag
 *           regions: [us-east-1, us-west-2]   # the workers' own credentials
 *         - name: research
 *           roleArn: arn:aws:iam::210987654321:role/datadog-collectors-ec2-read
 *           regions: [eu-west-1]
 *           endpoints: { ec2: https://vpce-0abc.ec2.eu-west-1.vpce.amazonaws.com }
 *     options:
 *       idleCpuPercent: 10
 * ```
 */
import { z } from 'zod';
import type { CollectorFlag, CollectorSettingsInput } from '../types';

/** An AWS region id: `us-east-1`, `ap-southeast-4`, `us-gov-west-1`, `eu-isoe-west-1`. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** The `account` tag: lower case, as Datadog stores tag values. */
const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const DURATION = /^(\d+)(ms|s|m)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration such as 30s`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** The services the collector calls, by the SDK's endpoint names (`AWS_ENDPOINT_URL_<SERVICE>`). */
export const SERVICES = ['ec2', 'cloudwatch', 'pricing', 'sts'] as const;
export type Service = (typeof SERVICES)[number];

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const endpoints = z
  .strictObject({
    ec2: url.optional().describe('EC2 (a VPC endpoint, or an emulator).'),
    cloudwatch: url.optional().describe('CloudWatch (monitoring).'),
    pricing: url.optional().describe('The Price List API (answers in us-east-1 and ap-south-1 only).'),
    sts: url.optional().describe('STS, for the role to assume.'),
  })
  .describe(
    'Endpoint overrides for this account’s clients, over AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL. Default: AWS’s own endpoints.',
  );

const account = z.strictObject({
  name: z
    .string()
    .regex(ACCOUNT_NAME, 'must be lower-case letters, digits, . _ - (it becomes the tag account:<name>)')
    .describe('The `account` tag of its points: a name you choose, or the account id.'),
  roleArn: z
    .string()
    .regex(ROLE_ARN, 'must be an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<name>')
    .optional()
    .describe(
      'The role to assume in this account (sts:AssumeRole) with the workers’ credentials. Default: the workers’ own account.',
    ),
  externalId: z
    .string()
    .min(2)
    .max(1224)
    .optional()
    .describe('The external id the role’s trust policy requires, if any.'),
  regions: z
    .array(z.string().regex(REGION, 'must be an AWS region id such as us-east-1'))
    .min(1, 'list at least one region, e.g. [us-east-1]')
    .refine((list) => new Set(list).size === list.length, 'each region once')
    .describe('Regions to watch in this account; a target is one account × region.'),
  endpoints: endpoints.optional(),
});

export const settingsSchema = z.strictObject({
  targets: z
    .strictObject({
      accounts: z
        .array(account)
        .min(1, 'list at least one account: [{ name: prod, regions: [us-east-1] }]')
        .refine((list) => new Set(list.map((a) => a.name)).size === list.length, 'each account name once')
        .describe('AWS accounts and their regions.'),
    })
    .describe('What to watch: accounts × regions.'),
  options: z
    .strictObject({
      idleCpuPercent: z
        .number()
        .gt(0)
        .max(100)
        .default(10)
        .describe(
          'A running instance whose mean CPUUtilization over the hour before asOf is below this is idle.',
        ),
      pricingRegion: z
        .enum(['us-east-1', 'ap-south-1'])
        .default('us-east-1')
        .describe('Where the Price List API is called (it answers for every region from these two).'),
      requestTimeout: z
        .string()
        .regex(DURATION, 'must be a duration such as 30s (ms, s or m)')
        .refine((d) => durationMs(d) >= 1000 && durationMs(d) <= 120_000, 'must be between 1s and 2m')
        .default('30s')
        .describe('Longest wait for one AWS request.'),
    })
    .prefault({})
    .describe('Idle threshold, where prices are read, request timeout.'),
});

export type Ec2Settings = z.output<typeof settingsSchema>;
export type AccountSettings = Ec2Settings['targets']['accounts'][number];
export type Endpoints = NonNullable<AccountSettings['endpoints']>;

/** `collectors collect ec2 --region us-east-1 [--region …] [--account name] [--role-arn arn]`: one account. */
export const ec2Flags: readonly CollectorFlag[] = [
  {
    name: 'region',
    value: 'region',
    description: 'collect this region',
    repeatable: true,
    setsTargets: true,
  },
  {
    name: 'account',
    value: 'name',
    description: 'the account tag of the regions (default: default)',
  },
  {
    name: 'role-arn',
    value: 'arn',
    description: 'reach the account by assuming this role (default: the credentials as they are)',
  },
];

export function settingsFromFlags(flags: Readonly<Record<string, string[]>>): CollectorSettingsInput {
  const roleArn = flags['role-arn']?.[0];
  return {
    targets: {
      accounts: [
        {
          name: flags.account?.[0] ?? 'default',
          regions: flags.region ?? [],
          ...(roleArn ? { roleArn } : {}),
        },
      ],
    },
  };
}
