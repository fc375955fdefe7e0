/**
 * The EC2 collector's sandbox: the loopback fake AWS (src/fakes/ec2: EC2, CloudWatch, the Price List
 * API and STS, in Node, no emulator to install) with a generated estate of two accounts, the second
 * reached by assuming a role; static keys the fake accepts; every service endpoint pointed at it.
 */
import { randomBytes } from 'node:crypto';
import type * as FakeAwsModule from '../../fakes/ec2';
import type { RunningFake, SandboxDeclaration, SandboxStartOptions } from '../types';
import { ACCESS_KEY_SECRET, SECRET_KEY_SECRET } from './aws';

/** Loaded on start only: the fakes are not in the production image. */
function loadFake(): typeof FakeAwsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../fakes/ec2') as typeof FakeAwsModule;
}

async function start(options: SandboxStartOptions = {}): Promise<RunningFake> {
  const { generateSandboxEstate, startFakeAws, SANDBOX_ACCOUNTS } = loadFake();
  const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  const dataset = generateSandboxEstate(options.now?.() ?? new Date(), accessKeyId, secretAccessKey);
  // CPU datapoints follow the clock: a sandbox left running keeps an hour of them.
  const fake = await startFakeAws({ dataset, ...(options.now ? { now: options.now } : {}) });
  const endpoints = { ec2: fake.url, cloudwatch: fake.url, pricing: fake.url, sts: fake.url };
  const accounts = SANDBOX_ACCOUNTS.map((a) => ({
    name: a.name,
    ...('role' in a ? { roleArn: `arn:aws:iam::${a.id}:role/${a.role}` } : {}),
    regions: [...a.regions],
    endpoints,
  }));
  let instances = 0;
  let volumes = 0;
  for (const account of dataset.accounts) {
    for (const region of Object.values(account.regions)) {
      instances += region.instances.length;
      volumes += region.volumes.length;
    }
  }
  return {
    url: fake.url,
    serves: `accounts ${accounts.map((a) => `${a.name} (${a.regions.join(', ')})`).join(' and ')}: ${instances} instances, ${volumes} volumes, prices and an hour of CPU`,
    section: { targets: { accounts } },
    secrets: { [ACCESS_KEY_SECRET]: accessKeyId, [SECRET_KEY_SECRET]: secretAccessKey },
    failEveryRequest: () => fake.failEveryRequest(),
    close: () => fake.close(),
  };
}

export const ec2Sandbox: SandboxDeclaration = { service: 'AWS (EC2, CloudWatch, Pricing, STS)', start };
