/**
 * Every EC2 metric, derived by hand, from a small estate in moto: two accounts (alpha in us-east-1
 * and us-west-2, beta in us-east-1) reached by AssumeRole, as production reaches other accounts.
 * Prices come from the fake AWS in front of moto (the committed Price List fixture, spot prices set
 * here relative to asOf); everything else is moto's.
 *
 * asOf is two days after the instances are launched (moto stamps LaunchTime with its clock and cannot
 * back-date it): ages are derived from the LaunchTime RunInstances reported.
 */
import { startFakeAws, type FakeAws, type SpotPriceRow } from '../../../src/fakes/ec2';
import type { Point } from '../../../src/catalog/model';
import {
  byName,
  collectUnit,
  forgetCaches,
  freshAccount,
  motoAccount,
  motoEndpoint,
  roleOf,
  settings,
} from './moto';

const DAY = 86_400_000;
const ALPHA = freshAccount();
const BETA = freshAccount();
let asOf: Date;
let front: FakeAws;
/** LaunchTime of the running instances of alpha/us-east-1, as moto reported them. */
const launched: Date[] = [];
const points: Record<string, Point[]> = {};

const spot = (type: string, az: string, price: number, hoursBeforeAsOf: number): SpotPriceRow => ({
  region: az.slice(0, -1),
  type,
  az,
  price,
  at: new Date(asOf.getTime() - hoursBeforeAsOf * 3_600_000),
});

beforeAll(async () => {
  asOf = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * DAY);
  // alpha, us-east-1
  const a = await motoAccount(ALPHA, 'us-east-1');
  const a1 = await a.run('m7i.large', 'us-east-1a');
  const a2 = await a.run('p4d.24xlarge', 'us-east-1a', { spot: true });
  const a3 = await a.run('g6f.large', 'us-east-1b');
  const a4 = await a.run('trn1.32xlarge', 'us-east-1b');
  const a5 = await a.run('m5.large', 'us-east-1c');
  const a6 = await a.run('c6i.xlarge', 'us-east-1c');
  await a.stop(a6.id);
  launched.push(a1.launchTime, a2.launchTime, a3.launchTime, a4.launchTime, a5.launchTime);
  await a.cpu(a1.id, asOf, [60, 70]);
  await a.cpu(a2.id, asOf, [3, 5]);
  await a.cpu(a3.id, asOf, [8, 9, 10, 11]);
  await a.cpu(a5.id, asOf, [50]);
  // a4 has no datapoints. A datapoint at asOf itself is outside [asOf − 1 h, asOf): never read.
  await a.cpu(a4.id, new Date(asOf.getTime() + 300_000), [99]);
  await a.volume(100, 'gp3', 'us-east-1a');
  await a.volume(40, 'io1', 'us-east-1a', a1.id);
  // alpha, us-west-2
  const w = await motoAccount(ALPHA, 'us-west-2');
  const b1 = await w.run('g5.xlarge', 'us-west-2a');
  await w.cpu(b1.id, asOf, [20]);
  // beta, us-east-1
  const b = await motoAccount(BETA, 'us-east-1');
  await b.run('g6.xlarge', 'us-east-1b', { spot: true });
  await b.run('g6.xlarge', 'us-east-1b');

  front = await startFakeAws({
    upstream: motoEndpoint(),
    spotPrices: [
      spot('p4d.24xlarge', 'us-east-1a', 8.0, 5),
      spot('p4d.24xlarge', 'us-east-1a', 9.5, 2), // in effect at asOf
      spot('p4d.24xlarge', 'us-east-1a', 99, -1), // after asOf: not yet
      spot('p4d.24xlarge', 'us-east-1b', 7.0, 2), // another AZ
      spot('g6.xlarge', 'us-east-1b', 0.35, 1),
    ],
  });
  const endpoints = { ec2: front.url, cloudwatch: front.url, pricing: front.url, sts: front.url };
  const s = settings({
    targets: {
      accounts: [
        { name: 'alpha', roleArn: roleOf(ALPHA), regions: ['us-east-1', 'us-west-2'], endpoints },
        { name: 'beta', roleArn: roleOf(BETA), regions: ['us-east-1'], endpoints },
      ],
    },
  });
  forgetCaches();
  for (const [account, region] of [
    ['alpha', 'us-east-1'],
    ['alpha', 'us-west-2'],
    ['beta', 'us-east-1'],
  ] as const) {
    for (const group of ['instances', 'volumes']) {
      points[`${account}/${region}/${group}`] = await collectUnit(s, group, account, region, asOf);
    }
  }
}, 120_000);
afterAll(() => front?.close());

const days = (t: Date) => (asOf.getTime() - t.getTime()) / DAY;

describe('alpha, us-east-1: instances', () => {
  it('counts, GPUs, Neuron devices and types', () => {
    const got = byName(points['alpha/us-east-1/instances']!);
    expect(got).toMatchObject({
      // a1–a5 run; a6 was stopped.
      'ec2.instances.running': 5,
      'ec2.instances.stopped': 1,
      'ec2.instances.total': 6,
      // a2 was launched with InstanceMarketOptions spot; the others have no InstanceLifecycle.
      'ec2.instances.spot': 1,
      'ec2.instances.ondemand': 4,
      // p4d.24xlarge: 8 A100 (LogicalGpuCount 8 × GpuPartitionSize 1); g6f.large: 1 × 0.125 of an L4.
      'ec2.instances.gpu_count': 8.125,
      'ec2.instances.gpus_by_model{a100}': 8,
      'ec2.instances.gpus_by_model{l4}': 0.125,
      // trn1.32xlarge: 16 Trainium devices, not GPUs.
      'ec2.instances.neuron_device_count': 16,
      // m7i.large and m5.large.
      'ec2.instances.cpu_only_count': 2,
      'ec2.instances.by_type{m7i.large}': 1,
      'ec2.instances.by_type{p4d.24xlarge}': 1,
      'ec2.instances.by_type{g6f.large}': 1,
      'ec2.instances.by_type{trn1.32xlarge}': 1,
      'ec2.instances.by_type{m5.large}': 1,
    });
    expect(got['ec2.instances.by_type{c6i.xlarge}']).toBeUndefined();
  });

  it('ages from LaunchTime', () => {
    const got = byName(points['alpha/us-east-1/instances']!);
    // Mean and maximum of asOf − LaunchTime over a1–a5 (each about 2 days).
    const ages = launched.map(days);
    expect(got['ec2.instances.avg_age_days']).toBeCloseTo(ages.reduce((a, b) => a + b) / 5, 9);
    expect(got['ec2.instances.oldest_age_days']).toBeCloseTo(Math.max(...ages), 9);
    expect(got['ec2.instances.oldest_age_days']).toBeGreaterThan(2);
  });

  it('costs from the Price List and the spot price in the instance’s AZ at asOf', () => {
    const got = byName(points['alpha/us-east-1/instances']!);
    // a1 m7i.large 0.1008 + a2 spot p4d in us-east-1a at asOf 9.5 (not 8.0: superseded; not 99: later;
    // not 7.0: us-east-1b) + a3 g6f.large 0.2 + a4 trn1.32xlarge 21.5 = 31.3008; m5.large has no price.
    expect(got['ec2.instances.unpriced']).toBe(1);
    expect(got['ec2.cost.running_hourly']).toBeCloseTo(31.3008, 9);
    expect(got['ec2.cost.daily_estimate']).toBeCloseTo(31.3008 * 24, 9); // 751.2192
    expect(got['ec2.cost.monthly_estimate']).toBeCloseTo(31.3008 * 730, 9); // 22,849.584
    // p4d.24xlarge on demand 21.9576 − spot 9.5.
    expect(got['ec2.cost.spot_savings_hourly']).toBeCloseTo(12.4576, 9);
  });

  it('CPU over the hour before asOf: idle below 10 %, an instance without datapoints in nothing', () => {
    const got = byName(points['alpha/us-east-1/instances']!);
    // Means: a1 (60 + 70) / 2 = 65, a2 (3 + 5) / 2 = 4, a3 (8 + 9 + 10 + 11) / 4 = 9.5, a5 50; a4 none
    // (its only datapoint is after asOf).
    expect(got['ec2.utilization.avg_cpu_percent']).toBeCloseTo((65 + 4 + 9.5 + 50) / 4, 9); // 32.125
    expect(got['ec2.utilization.max_cpu_percent']).toBe(65);
    expect(got['ec2.utilization.idle_instances']).toBe(2); // a2 and a3
    expect(got['ec2.utilization.without_cpu_data']).toBe(1); // a4
  });
});

describe('alpha, us-east-1: volumes', () => {
  it('counts, sizes and costs', () => {
    // moto gives each of the 6 instances an 8 GiB gp2 root volume, in use (a6's too: stopped, attached);
    // plus 100 GiB gp3 unattached and 40 GiB io1 attached to a1.
    expect(byName(points['alpha/us-east-1/volumes']!)).toEqual({
      'ec2.ebs.volumes_total': 8,
      'ec2.ebs.unattached_volumes': 1,
      'ec2.ebs.storage_total_gb': 6 * 8 + 100 + 40, // 188
      'ec2.ebs.unattached_gb': 100,
      // gp2 48 GiB × 0.10 + gp3 100 GiB × 0.08 = 12.8; io1 has no price in the fixture.
      'ec2.ebs.cost_monthly_estimate': expect.closeTo(12.8, 9),
      'ec2.ebs.unattached_cost_monthly_estimate': expect.closeTo(8, 9),
      'ec2.ebs.unpriced_volumes': 1,
    });
  });
});

describe('alpha, us-west-2', () => {
  it('another region of the same account: its own instances only', () => {
    const got = byName(points['alpha/us-west-2/instances']!);
    // b1 g5.xlarge on demand, 1.006 an hour, 1 A10G, CPU 20.
    expect(got).toMatchObject({
      'ec2.instances.running': 1,
      'ec2.instances.total': 1,
      'ec2.instances.gpu_count': 1,
      'ec2.instances.gpus_by_model{a10g}': 1,
      'ec2.instances.unpriced': 0,
      'ec2.cost.running_hourly': 1.006,
      // No spot instance: nothing to save, and 0 says so.
      'ec2.cost.spot_savings_hourly': 0,
      'ec2.utilization.avg_cpu_percent': 20,
      'ec2.utilization.idle_instances': 0,
    });
    // One 8 GiB gp2 root volume: 8 × 0.10.
    expect(byName(points['alpha/us-west-2/volumes']!)).toMatchObject({
      'ec2.ebs.volumes_total': 1,
      'ec2.ebs.unattached_volumes': 0,
      'ec2.ebs.cost_monthly_estimate': expect.closeTo(0.8, 9),
      'ec2.ebs.unattached_cost_monthly_estimate': 0,
    });
  });
});

describe('beta, us-east-1', () => {
  it('another account: its own instances; without CPU data the statistics are absent, not 0', () => {
    const got = byName(points['beta/us-east-1/instances']!);
    expect(got).toMatchObject({
      'ec2.instances.running': 2,
      'ec2.instances.spot': 1,
      'ec2.instances.ondemand': 1,
      'ec2.instances.gpus_by_model{l4}': 2,
      // Spot g6.xlarge in us-east-1b 0.35 + on-demand 0.8048.
      'ec2.cost.running_hourly': expect.closeTo(1.1548, 9),
      'ec2.cost.spot_savings_hourly': expect.closeTo(0.8048 - 0.35, 9),
      'ec2.utilization.idle_instances': 0,
      'ec2.utilization.without_cpu_data': 2,
    });
    expect(got['ec2.utilization.avg_cpu_percent']).toBeUndefined();
    expect(got['ec2.utilization.max_cpu_percent']).toBeUndefined();
  });
});

describe('AWS calls', () => {
  it('reads prices once for every type of a region, and spot prices only where spot instances run', () => {
    // GetProducts: one per region × kind (alpha us-east-1 instances and volumes, us-west-2 both; beta
    // us-east-1 instances: g6.xlarge is new there; its volumes (gp2) are known from alpha's).
    expect(front.calls.get('pricing:GetProducts')).toBe(5);
    // alpha us-east-1 (p4d) and beta us-east-1 (g6): us-west-2 runs no spot instance.
    expect(front.calls.get('ec2:DescribeSpotPriceHistory')).toBe(2);
    // One page per unit; one GetMetricData per instances unit; one role session per account.
    expect(front.calls.get('ec2:DescribeInstances')).toBe(3);
    expect(front.calls.get('ec2:DescribeVolumes')).toBe(3);
    expect(front.calls.get('cloudwatch:GetMetricData')).toBe(3);
    expect(front.calls.get('sts:AssumeRole')).toBe(2);
  });
});
