/**
 * What AWS's errors do to a unit: the fake in front of moto answers chosen requests with AWS's own
 * errors, in each service's protocol, through the real SDK clients. A failed unit returns no points;
 * only an operator can fix a PermanentError (its fix says what), the rest is retried by the engine.
 */
import { PermanentError, RateLimitedError } from '../../../src/errors';
import { pricesOf } from '../../../src/collectors/ec2/prices';
import { connect } from '../../../src/collectors/ec2/aws';
import { memoryLogger } from '../../../src/log';
import { startFakeAws, type FakeAws } from '../../../src/fakes/ec2';
import type { Ec2Settings } from '../../../src/collectors/ec2/settings';
import {
  byName,
  collectUnit,
  forgetCaches,
  freshAccount,
  motoAccount,
  motoEndpoint,
  roleOf,
  secretsOf,
  settings,
  STATIC_SECRETS,
} from './moto';

const ACCOUNT = freshAccount();
const asOf = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
let front: FakeAws;
let s: Ec2Settings;

beforeAll(async () => {
  const a = await motoAccount(ACCOUNT, 'us-east-1');
  const i = await a.run('m7i.large', 'us-east-1a');
  await a.cpu(i.id, asOf, [30]);
  front = await startFakeAws({ upstream: motoEndpoint() });
  const endpoints = { ec2: front.url, cloudwatch: front.url, pricing: front.url, sts: front.url };
  s = settings({
    targets: { accounts: [{ name: 'acme', roleArn: roleOf(ACCOUNT), regions: ['us-east-1'], endpoints }] },
  });
});
afterAll(() => front?.close());
beforeEach(() => {
  forgetCaches();
  front.clearFailures();
});

const instances = () => collectUnit(s, 'instances', 'acme', 'us-east-1', asOf);
const volumes = () => collectUnit(s, 'volumes', 'acme', 'us-east-1', asOf);
const failure = (run: () => Promise<unknown>) =>
  run().then(
    (points) => ({ points }),
    (error: unknown) => error as Error,
  );

it('collects when nothing fails (the baseline of the cases below)', async () => {
  expect(byName(await instances())).toMatchObject({
    'ec2.instances.running': 1,
    'ec2.cost.running_hourly': 0.1008,
  });
});

describe('throttling is retried after a pause', () => {
  it.each([
    ['ec2:DescribeInstances', 503, 'RequestLimitExceeded'],
    ['cloudwatch:GetMetricData', 400, 'Throttling'],
    ['pricing:GetProducts', 400, 'ThrottlingException'],
    ['sts:AssumeRole', 400, 'Throttling'],
  ])('%s answering %s %s', async (action, status, code) => {
    front.failNext({ action, status, code, message: 'Rate exceeded' });
    const error = await failure(instances);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(10_000);
    expect((error as Error).message).toContain(`AWS throttled ${action} (`);
  });
});

describe('a missing permission is permanent and names the action to allow', () => {
  it.each([
    ['ec2:DescribeInstances', 'UnauthorizedOperation', instances],
    ['ec2:DescribeInstanceTypes', 'UnauthorizedOperation', instances],
    ['cloudwatch:GetMetricData', 'AccessDenied', instances],
    ['pricing:GetProducts', 'AccessDeniedException', instances],
    ['ec2:DescribeVolumes', 'UnauthorizedOperation', volumes],
  ])('%s answering %s', async (action, code, unit) => {
    front.failNext({
      action,
      status: 403,
      code,
      message: 'You are not authorized to perform this operation.',
    });
    const error = await failure(unit);
    expect(error).toBeInstanceOf(PermanentError);
    // The account is reached through its role: the action is that role's to allow.
    expect((error as PermanentError).fix).toContain(`allow ${action} for the role ${roleOf(ACCOUNT)}`);
  });

  it('a role the workers may not assume', async () => {
    front.failNext({
      action: 'sts:AssumeRole',
      status: 403,
      code: 'AccessDenied',
      message: 'not authorized to perform: sts:AssumeRole',
    });
    const error = await failure(instances);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(
      `AWS denied sts:AssumeRole (role ${roleOf(ACCOUNT)} (account acme))`,
    );
    expect((error as PermanentError).fix).toContain('trust the workers in the role’s trust policy');
  });
});

describe('credentials', () => {
  it('refused credentials are permanent and name the secrets and IRSA', async () => {
    front.failNext({
      action: 'ec2:DescribeVolumes',
      status: 401,
      code: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
    });
    const error = await failure(volumes);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).fix).toMatch(
      /IRSA.*ec2\/access-key-id.*ec2\/secret-access-key.*EC2_ACCESS_KEY_ID/,
    );
  });

  it('an expired session is retried: the next attempt reads the credentials again', async () => {
    front.failNext({
      action: 'ec2:DescribeInstances',
      status: 400,
      code: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
    const error = await failure(instances);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toMatch(
      /credentials expired during ec2:DescribeInstances .*next attempt reads them again/,
    );
    // And the next attempt succeeds, with a new session of the role.
    const sessions = front.calls.get('sts:AssumeRole') ?? 0;
    expect(byName(await instances())['ec2.instances.running']).toBe(1);
    expect(front.calls.get('sts:AssumeRole')).toBe(sessions + 1);
  });

  it('one static key without the other is refused before any call', async () => {
    const before = front.requests();
    const error = await failure(() =>
      collectUnit(
        s,
        'instances',
        'acme',
        'us-east-1',
        asOf,
        secretsOf({ 'ec2/access-key-id': 'AKIAEXAMPLE' }),
      ),
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).fix).toContain(
      'set ec2/secret-access-key (env EC2_SECRET_ACCESS_KEY) too',
    );
    expect(front.requests()).toBe(before);
  });
});

describe('outages', () => {
  it.each([
    ['ec2:DescribeInstances', 500, 'InternalError', 'InternalError'],
    ['ec2:DescribeInstanceTypes', 503, 'Unavailable', 'Unavailable'],
    // CloudWatch's query-compatible code InternalServiceError is its modelled error InternalServiceFault.
    ['cloudwatch:GetMetricData', 500, 'InternalServiceError', 'InternalServiceFault'],
  ])('%s answering %s %s: retried, no points', async (action, status, code, seen = code) => {
    front.failNext({ action, status, code, message: 'We encountered an internal error. Please try again.' });
    const error = await failure(instances);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect((error as Error).message).toContain(`AWS ${action} failed (account acme, us-east-1): ${seen}`);
  });
});

describe('the price cache', () => {
  const pricing = async (now: number) => {
    const clients = await connect({
      settings: s,
      secrets: STATIC_SECRETS,
      signal: new AbortController().signal,
      account: s.targets.accounts[0]!,
      region: 'us-east-1',
    });
    try {
      return await pricesOf(
        clients,
        'instance',
        'us-east-1',
        ['m7i.large', 'g5.xlarge'],
        now,
        memoryLogger(),
      );
    } finally {
      clients.destroy();
    }
  };

  it('asks the Price List API once a day for a region’s type set', async () => {
    const day = 86_400_000;
    const t0 = Date.parse('2026-11-02T00:00:00Z');
    const calls = () => front.calls.get('pricing:GetProducts') ?? 0;
    const before = calls();
    expect(await pricing(t0)).toEqual(
      new Map([
        ['m7i.large', 0.1008],
        ['g5.xlarge', 1.006],
      ]),
    );
    await pricing(t0 + day - 1);
    expect(calls() - before).toBe(1);
    await pricing(t0 + day);
    expect(calls() - before).toBe(2);
  });

  it('keeps the last good price when a refresh fails; with none, the unit fails (retried)', async () => {
    const t0 = Date.parse('2026-11-02T00:00:00Z');
    front.failNext({
      action: 'pricing:GetProducts',
      status: 500,
      code: 'InternalErrorException',
      message: 'boom',
    });
    await expect(pricing(t0)).rejects.toThrow(/pricing:GetProducts failed .*InternalErrorException/);
    expect((await pricing(t0)).get('m7i.large')).toBe(0.1008);
    front.failNext({
      action: 'pricing:GetProducts',
      status: 500,
      code: 'InternalErrorException',
      message: 'boom',
    });
    expect((await pricing(t0 + 2 * 86_400_000)).get('m7i.large')).toBe(0.1008);
  });

  it('a whole cycle later asks for no price again', async () => {
    await instances();
    await volumes();
    const before = front.calls.get('pricing:GetProducts');
    await instances();
    await volumes();
    expect(front.calls.get('pricing:GetProducts')).toBe(before);
  });
});
