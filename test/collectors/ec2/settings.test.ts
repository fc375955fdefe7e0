/** The `collectors.ec2` section: what is accepted, the defaults, and what each refusal says. */
import { settingsFromFlags, settingsSchema } from '../../../src/collectors/ec2/settings';
import { ec2Targets } from '../../../src/collectors/ec2/targets';
import { planContext } from '../../../src/collectors/kit/unit-context';
import { secretsOf } from './moto';

const issues = (section: unknown) =>
  settingsSchema.safeParse(section).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

it('takes accounts × regions, with defaults for the options', async () => {
  const s = settingsSchema.parse({
    targets: {
      accounts: [
        { name: 'prod', regions: ['us-east-1', 'us-west-2'] },
        {
          name: 'research',
          roleArn: 'arn:aws:iam::210987654321:role/ec2-read',
          externalId: 'xyz',
          regions: ['eu-west-1'],
        },
      ],
    },
  });
  expect(s.options).toEqual({ idleCpuPercent: 10, pricingRegion: 'us-east-1', requestTimeout: '30s' });
  const targets = await ec2Targets(planContext({ settings: s, secrets: secretsOf({}) }));
  expect(targets).toEqual([
    { id: 'prod/us-east-1', tags: { account: 'prod', region: 'us-east-1' } },
    { id: 'prod/us-west-2', tags: { account: 'prod', region: 'us-west-2' } },
    { id: 'research/eu-west-1', tags: { account: 'research', region: 'eu-west-1' } },
  ]);
});

it.each([
  [
    { targets: { accounts: [] } },
    'targets.accounts: list at least one account: [{ name: prod, regions: [us-east-1] }]',
  ],
  [
    { targets: { accounts: [{ name: 'Prod', regions: ['us-east-1'] }] } },
    'targets.accounts.0.name: must be lower-case letters, digits, . _ - (it becomes the tag account:<name>)',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: ['us-east'] }] } },
    'targets.accounts.0.regions.0: must be an AWS region id such as us-east-1',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: ['us-east-1', 'us-east-1'] }] } },
    'targets.accounts.0.regions: each region once',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: [] }] } },
    'targets.accounts.0.regions: list at least one region, e.g. [us-east-1]',
  ],
  [
    { targets: { accounts: [{ name: 'a', roleArn: 'arn:aws:iam::12:role/x', regions: ['us-east-1'] }] } },
    'targets.accounts.0.roleArn: must be an IAM role ARN, arn:aws:iam::<12-digit account id>:role/<name>',
  ],
  [
    {
      targets: {
        accounts: [
          { name: 'a', regions: ['us-east-1'] },
          { name: 'a', regions: ['us-west-2'] },
        ],
      },
    },
    'targets.accounts: each account name once',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: ['us-east-1'], endpoints: { ec2: 'ftp://x' } }] } },
    'targets.accounts.0.endpoints.ec2: must be an http(s) URL',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: ['us-east-1'] }] }, options: { idleCpuPercent: 0 } },
    'options.idleCpuPercent: Too small: expected number to be >0',
  ],
  [
    { targets: { accounts: [{ name: 'a', regions: ['us-east-1'] }] }, options: { requestTimeout: '5m' } },
    'options.requestTimeout: must be between 1s and 2m',
  ],
])('refuses %j', (section, message) => {
  expect(issues(section)).toEqual([message]);
});

it('collectors collect ec2 --region … [--account …] [--role-arn …]: one account', () => {
  expect(settingsSchema.parse(settingsFromFlags({ region: ['us-east-1', 'eu-west-1'] })).targets).toEqual({
    accounts: [{ name: 'default', regions: ['us-east-1', 'eu-west-1'] }],
  });
  const arn = 'arn:aws:iam::210987654321:role/ec2-read';
  expect(
    settingsSchema.parse(
      settingsFromFlags({ region: ['us-west-2'], account: ['research'], 'role-arn': [arn] }),
    ).targets,
  ).toEqual({ accounts: [{ name: 'research', roleArn: arn, regions: ['us-west-2'] }] });
});
