/** `collectors doctor`: one authenticated, cheap call per server. */
import { PermanentError } from '../../../src/errors';
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { startFakeSkyPilot, type FakeSkyPilot } from '../../../src/fakes/skypilot';
import { makePlanContext } from './context';

let fake: FakeSkyPilot;
beforeAll(async () => {
  delete process.env.SKYPILOT_API_KEY;
  fake = await startFakeSkyPilot({ token: 'sky_good' });
});
afterAll(() => fake.close());

test('names the server, its version and the token user', async () => {
  expect(await skypilotCollector.probe(makePlanContext(fake.url, 'sky_good'))).toBe(
    `SkyPilot API server prod (${fake.url}): healthy, SkyPilot 0.14.1 (API 62), as collector-sa`,
  );
  expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/health' });
});

test('without a token the server discloses nothing, and the line says so', async () => {
  expect(await skypilotCollector.probe(makePlanContext(fake.url))).toBe(
    `SkyPilot API server prod (${fake.url}): healthy, version not disclosed, no credentials`,
  );
});

test('a rejected token fails the probe with the fix', async () => {
  await expect(skypilotCollector.probe(makePlanContext(fake.url, 'sky_bad'))).rejects.toBeInstanceOf(
    PermanentError,
  );
});
