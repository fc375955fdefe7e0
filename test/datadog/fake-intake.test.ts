/**
 * The fake intake itself, spoken to with plain HTTP, so other tests can trust what it reports.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';

let intake: FakeIntake;

beforeEach(async () => {
  intake = await startFakeIntake();
});

afterEach(async () => {
  await intake.close();
});

const series = [{ metric: 'x.y', type: 3, points: [{ timestamp: 1, value: 2 }], tags: ['a:b'] }];

async function post(
  body: string | Buffer,
  { key = intake.apiKey, encoding }: { key?: string; encoding?: string } = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'dd-api-key': key };
  if (encoding) headers['content-encoding'] = encoding;
  const res = await fetch(`${intake.url}/api/v2/series`, { method: 'POST', headers, body });
  return { status: res.status, json: await res.json() };
}

test('GET /api/v1/validate: valid with the right key, 403 otherwise', async () => {
  const ok = await fetch(`${intake.url}/api/v1/validate`, { headers: { 'dd-api-key': intake.apiKey } });
  expect([ok.status, await ok.json()]).toEqual([200, { valid: true }]);
  const bad = await fetch(`${intake.url}/api/v1/validate`, { headers: { 'dd-api-key': 'nope' } });
  expect([bad.status, await bad.json()]).toEqual([403, { errors: ['Forbidden'] }]);
});

test('accepts gzip, deflate and plain bodies and records them decoded', async () => {
  const json = JSON.stringify({ series });
  expect(await post(gzipSync(json), { encoding: 'gzip' })).toEqual({ status: 202, json: { errors: [] } });
  expect((await post(deflateSync(json), { encoding: 'deflate' })).status).toBe(202);
  expect((await post(json)).status).toBe(202);

  expect(intake.series).toEqual([...series, ...series, ...series]);
  expect(intake.requests.map((r) => [r.encoding, r.rawBytes])).toEqual([
    ['gzip', json.length],
    ['deflate', json.length],
    ['none', json.length],
  ]);
  expect(intake.requests[0]!.compressedBytes).toBe(gzipSync(json).length);
});

test('403 with a wrong key, before looking at the payload', async () => {
  expect(await post('not json', { key: 'wrong' })).toEqual({ status: 403, json: { errors: ['Forbidden'] } });
  expect(intake.series).toEqual([]);
});

test('400 with an error text for invalid JSON, a series without metric or without points', async () => {
  expect(await post('{')).toEqual({ status: 400, json: { errors: ['Invalid JSON'] } });
  expect(await post(JSON.stringify({ series: [{ points: [{ timestamp: 1, value: 1 }] }] }))).toEqual({
    status: 400,
    json: { errors: ['series[0]: metric is required'] },
  });
  expect((await post(JSON.stringify({ series: [{ metric: 'x' }] }))).json).toEqual({
    errors: ['series[0]: points is required'],
  });
  expect(intake.series).toEqual([]);
});

test('413 over the compressed limit (option) and over 5,242,880 bytes decompressed', async () => {
  await intake.close();
  intake = await startFakeIntake({ maxCompressedBytes: 100 });
  // 200 bytes of incompressible-enough JSON on the wire is over a 100-byte limit.
  expect((await post(JSON.stringify({ series, pad: 'x'.repeat(200) }))).status).toBe(413);
  await intake.close();

  intake = await startFakeIntake();
  // 5,242,881 bytes of JSON gzip to a few KB: small on the wire, one byte too large decoded.
  const big = '{"series":[],"pad":"' + 'x'.repeat(5_242_881 - 22) + '"}';
  expect(big.length).toBe(5_242_881);
  expect((await post(gzipSync(big), { encoding: 'gzip' })).status).toBe(413);
});

test('forced answers come first, in order, then normal behaviour; setDown answers 503 until lifted', async () => {
  const json = JSON.stringify({ series });
  intake.respondWith([503, 429]);
  expect((await post(json)).status).toBe(503);
  expect((await post(json)).status).toBe(429);
  expect((await post(json)).status).toBe(202);

  intake.setDown(true);
  expect(await post(json)).toEqual({ status: 503, json: { errors: ['fake intake: service unavailable'] } });
  intake.setDown(false);
  expect((await post(json)).status).toBe(202);
  expect(intake.series).toHaveLength(2);
});

test("'hang' never answers, and close() still returns", async () => {
  intake.respondWith(['hang']);
  const pending = post(JSON.stringify({ series })).catch((err: unknown) => err);
  await new Promise((r) => setTimeout(r, 100));
  expect(intake.requests.map((r) => r.status)).toEqual([0]);
  await intake.close();
  // The client sees the connection drop (undici's TypeError comes from another realm: no instanceof).
  expect(String(await pending)).toContain('fetch failed');
});
