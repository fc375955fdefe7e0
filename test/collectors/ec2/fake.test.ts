/**
 * The EC2 collector against the fake AWS alone (src/fakes/ec2), where moto cannot show it: pages past
 * the first (moto pages reservations, not instances, and never pages volumes), endpoints and
 * credentials from the SDK's standard variables, the IAM policy against the calls really made, and
 * `collectors doctor`'s probe.
 */
import { ec2Collector } from '../../../src/collectors/ec2';
import { planContext } from '../../../src/collectors/kit/unit-context';
import { ec2Deploy } from '../../../src/collectors/ec2/deploy';
import { PermanentError } from '../../../src/errors';
import { generateEstate, startFakeAws, type FakeAws, type FakeAwsDataset } from '../../../src/fakes/ec2';
import { byName, collectUnit, forgetCaches, secretsOf, settings } from './moto';

const OWN = '111122223333';
const OTHER = '444455556666';
const KEY = {
  accessKeyId: 'AKIAFAKEOWNACCOUNT01',
  secretAccessKey: 'fake-secret-key-of-the-own-account-000000',
};
const asOf = new Date('2026-11-27T12:00:00Z');
const secrets = secretsOf({
  'ec2/access-key-id': KEY.accessKeyId,
  'ec2/secret-access-key': KEY.secretAccessKey,
});
let dataset: FakeAwsDataset;
let fake: FakeAws;

beforeAll(async () => {
  dataset = generateEstate({
    now: asOf,
    accounts: [
      { id: OWN, regions: ['us-east-1'] },
      { id: OTHER, regions: ['eu-west-1'] },
    ],
    instancesPerRegion: 2_500,
    volumesPerRegion: 1_200,
    ...KEY,
  });
  fake = await startFakeAws({ dataset, now: () => asOf });
});
afterAll(() => fake?.close());
beforeEach(() => forgetCaches());

const endpoints = () => ({ ec2: fake.url, cloudwatch: fake.url, pricing: fake.url, sts: fake.url });
const calls = (action: string) => fake.calls.get(action) ?? 0;

function counted(action: string, run: () => Promise<unknown>) {
  const before = calls(action);
  return run().then((out) => ({ out, calls: calls(action) - before }));
}

it('reads every page: 2,500 instances in 3 pages, their CPU in a call per 500 running, 1,200 volumes in 3 pages', async () => {
  const s = settings({
    targets: { accounts: [{ name: 'own', regions: ['us-east-1'], endpoints: endpoints() }] },
  });
  const region = dataset.accounts[0]!.regions['us-east-1']!;
  const live = region.instances.filter((i) => i.state !== 'terminated');
  const running = live.filter((i) => i.state === 'running');
  const reporting = running.filter((i) => i.cpuLevel !== undefined);

  const instances = await counted('ec2:DescribeInstances', () =>
    collectUnit(s, 'instances', 'own', 'us-east-1', asOf, secrets),
  );
  // ⌈2,500 / 1,000⌉ pages (terminated instances are filtered out by the server, not the page count).
  expect(instances.calls).toBe(Math.ceil(live.length / 1000));
  const got = byName(instances.out as never);
  expect(got['ec2.instances.total']).toBe(live.length);
  expect(got['ec2.instances.running']).toBe(running.length);
  expect(got['ec2.utilization.without_cpu_data']).toBe(running.length - reporting.length);
  expect(calls('cloudwatch:GetMetricData')).toBe(Math.ceil(running.length / 500));

  const volumes = await counted('ec2:DescribeVolumes', () =>
    collectUnit(s, 'volumes', 'own', 'us-east-1', asOf, secrets),
  );
  expect(volumes.calls).toBe(3);
  expect(byName(volumes.out as never)['ec2.ebs.volumes_total']).toBe(1_200);
});

it('CPU datapoints follow the fake’s clock: five hours on, the last hour is there', async () => {
  const later = new Date(asOf.getTime() + 5 * 3_600_000);
  const moved = await startFakeAws({ dataset, now: () => later });
  try {
    const s = settings({
      targets: {
        accounts: [
          {
            name: 'own',
            regions: ['us-east-1'],
            endpoints: { ec2: moved.url, cloudwatch: moved.url, pricing: moved.url, sts: moved.url },
          },
        ],
      },
    });
    const running = dataset.accounts[0]!.regions['us-east-1']!.instances.filter((i) => i.state === 'running');
    const silent = running.filter((i) => i.cpuLevel === undefined).length;
    const got = byName(await collectUnit(s, 'instances', 'own', 'us-east-1', later, secrets));
    expect(got['ec2.utilization.without_cpu_data']).toBe(silent);
  } finally {
    await moved.close();
  }
});

it('makes exactly the calls the IAM policy allows', async () => {
  const s = settings({
    targets: {
      accounts: [
        { name: 'own', regions: ['us-east-1'], endpoints: endpoints() },
        {
          name: 'other',
          roleArn: `arn:aws:iam::${OTHER}:role/read`,
          regions: ['eu-west-1'],
          endpoints: endpoints(),
        },
      ],
    },
  });
  fake.calls.clear();
  for (const [account, region] of [
    ['own', 'us-east-1'],
    ['other', 'eu-west-1'],
  ] as const) {
    for (const group of ['instances', 'volumes']) await collectUnit(s, group, account, region, asOf, secrets);
  }
  const declared = ec2Deploy.iamStatements.flatMap((st) => st.actions).sort();
  expect([...fake.calls.keys()].sort()).toEqual(declared);
});

describe('the SDK’s standard variables', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of [
      'AWS_ENDPOINT_URL',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_EC2_METADATA_DISABLED',
    ]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('AWS_ENDPOINT_URL and the default credential chain (AWS_ACCESS_KEY_ID) reach the fake without any setting', async () => {
    process.env.AWS_ENDPOINT_URL = fake.url;
    process.env.AWS_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = KEY.secretAccessKey;
    const s = settings({ targets: { accounts: [{ name: 'own', regions: ['us-east-1'] }] } });
    const before = fake.requests();
    const got = byName(await collectUnit(s, 'volumes', 'own', 'us-east-1', asOf, secretsOf({})));
    expect(got['ec2.ebs.volumes_total']).toBe(1_200);
    expect(fake.requests()).toBeGreaterThan(before);
  });

  it('credentials AWS refuses fail for good, naming where to set them', async () => {
    process.env.AWS_ENDPOINT_URL = fake.url;
    process.env.AWS_ACCESS_KEY_ID = 'AKIAUNKNOWNKEY000000';
    process.env.AWS_SECRET_ACCESS_KEY = 'unknown';
    const s = settings({ targets: { accounts: [{ name: 'own', regions: ['us-east-1'] }] } });
    const error = await collectUnit(s, 'instances', 'own', 'us-east-1', asOf, secretsOf({})).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(
      'AWS refused the credentials for ec2:DescribeInstances (account own, us-east-1): AuthFailure',
    );
  });
  it('no credentials anywhere fails for good, naming where to put them', async () => {
    process.env.AWS_ENDPOINT_URL = fake.url;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    // No instance role to ask either.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const s = settings({ targets: { accounts: [{ name: 'own', regions: ['us-east-1'] }] } });
    const error = await collectUnit(s, 'volumes', 'own', 'us-east-1', asOf, secretsOf({})).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(
      'found no AWS credentials for ec2:DescribeVolumes (account own, us-east-1)',
    );
    expect((error as PermanentError).fix).toContain('IRSA');
  });
});

it('a permission the workers’ own role lacks is named for that role', async () => {
  const s = settings({
    targets: { accounts: [{ name: 'own', regions: ['us-east-1'], endpoints: endpoints() }] },
  });
  fake.failNext({
    action: 'ec2:DescribeVolumes',
    status: 403,
    code: 'UnauthorizedOperation',
    message: 'You are not authorized to perform this operation.',
  });
  const error = await collectUnit(s, 'volumes', 'own', 'us-east-1', asOf, secrets).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PermanentError);
  expect((error as PermanentError).fix).toContain("allow ec2:DescribeVolumes for the workers' IAM role");
});

it('the probe names each account’s AWS account and identity', async () => {
  const s = settings({
    targets: {
      accounts: [
        { name: 'own', regions: ['us-east-1'], endpoints: endpoints() },
        {
          name: 'other',
          roleArn: `arn:aws:iam::${OTHER}:role/read`,
          regions: ['eu-west-1'],
          endpoints: endpoints(),
        },
      ],
    },
  });
  const line = await ec2Collector.probe(planContext({ settings: s, secrets, asOf }));
  expect(line).toBe(
    `account own: AWS account ${OWN} as arn:aws:iam::${OWN}:user/collectors, EC2 answers in us-east-1; ` +
      `account other: AWS account ${OTHER} as arn:aws:iam::${OTHER}:user/collectors, EC2 answers in eu-west-1`,
  );
});
