/**
 * The real sink, through the real Datadog client, against the loopback fake intake.
 */
import { gzipSync } from 'node:zlib';
import type { DataPoint } from '../../src/catalog/model';
import { PermanentError } from '../../src/errors';
import { chunkPoints, payloadBody } from '../../src/datadog/chunk';
import { createDatadogSink, type DatadogSinkOptions } from '../../src/datadog/datadog-sink';
import { IntakeUnavailableError } from '../../src/datadog/intake-errors';
import type { SubmitOptions } from '../../src/datadog/types';
import { memoryLogger } from '../../src/log';
import { freePort } from '../../src/util/net';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';

const TS = 1_767_225_600; // 2026-01-01T00:00:00Z
const NOW = Date.UTC(2026, 0, 1, 0, 5);
const FUTURE = new Date(NOW + 50 * 60_000);
const WRONG_KEY = 'wrong-api-key-5f3c9a1b7e';

/** Points whose values number them, so order and exactly-once delivery can be read off the intake. */
function cycle(n: number): DataPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    metric: `github.ci.workflow_duration.p${50 + (i % 4) * 10}`,
    type: 'gauge' as const,
    value: i,
    timestamp: TS,
    tags: [`repo:org/repo-${i % 500}`, 'env:test', 'collector:github', `workflow:wf-${i % 7}`],
    unit: 'second',
  }));
}

const values = (intake: FakeIntake) => intake.series.map((s) => s.points[0]!.value);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const statuses = (intake: FakeIntake) => intake.requests.map((r) => r.status);

let intake: FakeIntake;
let log: ReturnType<typeof memoryLogger>;

beforeEach(async () => {
  intake = await startFakeIntake();
  log = memoryLogger();
});

afterEach(async () => {
  await intake.close();
  // Whatever happened in the test, the key never reached a log line.
  for (const key of [intake.apiKey, WRONG_KEY]) {
    expect(log.lines.filter((l) => l.includes(key))).toEqual([]);
  }
});

function sink(overrides: Partial<DatadogSinkOptions> = {}) {
  return createDatadogSink({ apiKey: intake.apiKey, url: intake.url, log, now: () => NOW, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  }
  throw new Error('expected the submission to fail');
}

test('each point is one v2 series with its fields, type number, tags, unit and timestamp, gzip on the wire', async () => {
  const points: DataPoint[] = [
    {
      metric: 'github.prs.open',
      type: 'gauge',
      value: 12,
      timestamp: TS,
      tags: ['repo:a/b', 'env:test'],
      unit: 'item',
    },
    { metric: 'github.commits.count', type: 'count', value: 3, timestamp: TS, tags: ['repo:a/b'] },
    { metric: 'aws.ec2.cost.rate', type: 'rate', value: 0.25, timestamp: TS + 60, tags: [], unit: 'dollar' },
  ];
  const result = await sink().submit(points, { deadline: FUTURE });

  expect(result).toEqual({ submitted: 3, dropped: 0, payloads: 1 });
  // gauge → 3, count → 1, rate → 2; no unit key when the point has none; no host resource.
  expect(intake.series).toEqual([
    {
      metric: 'github.prs.open',
      type: 3,
      points: [{ timestamp: TS, value: 12 }],
      tags: ['repo:a/b', 'env:test'],
      unit: 'item',
    },
    { metric: 'github.commits.count', type: 1, points: [{ timestamp: TS, value: 3 }], tags: ['repo:a/b'] },
    {
      metric: 'aws.ec2.cost.rate',
      type: 2,
      points: [{ timestamp: TS + 60, value: 0.25 }],
      tags: [],
      unit: 'dollar',
    },
  ]);
  // The fake gunzipped the body back to the very JSON the chunker measured.
  expect(intake.requests).toEqual([
    {
      method: 'POST',
      path: '/api/v2/series',
      status: 202,
      encoding: 'gzip',
      compressedBytes: expect.any(Number) as number,
      rawBytes: Buffer.byteLength(payloadBody(points)),
    },
  ]);
});

test('no points, no request', async () => {
  expect(await sink().submit([], { deadline: FUTURE })).toEqual({ submitted: 0, dropped: 0, payloads: 0 });
  expect(intake.requests).toEqual([]);
});

test('a large cycle goes in several payloads, each under the limit, every point exactly once and in order', async () => {
  const points = cycle(30_000);
  const progress: number[] = [];
  const result = await sink({ maxCompressedBytes: 50_000 }).submit(points, {
    deadline: FUTURE,
    onProgress: (n) => progress.push(n),
  });

  // 30,000 points of ~190 bytes gzip to far more than 50,000 bytes, so one payload can't hold them.
  expect(gzipSync(payloadBody(points)).length).toBeGreaterThan(2 * 50_000);
  expect(result.submitted).toBe(30_000);
  expect(result.dropped).toBe(0);
  expect(result.payloads).toBeGreaterThan(2);
  expect(intake.requests).toHaveLength(result.payloads);
  for (const r of intake.requests) {
    expect(r).toMatchObject({ status: 202, encoding: 'gzip' });
    expect(r.compressedBytes).toBeLessThanOrEqual(50_000);
  }
  expect(values(intake)).toEqual(range(30_000));
  expect(progress).toEqual(range(result.payloads).map((i) => i + 1));
});

test('413: the sink splits the payload in halves until the intake takes them, without failing', async () => {
  await intake.close();
  intake = await startFakeIntake({ maxCompressedBytes: 15_000 });
  const points = cycle(5_000);
  // By hand: the sink's own limit (500,000) keeps all 5,000 points in one payload of ~39 KB gzip; the
  // intake takes at most 15,000 bytes. Halves (~19.5 KB) are still too large, quarters (~10 KB) fit.
  // So: 413 (all), 413 (first half), 202, 202, 413 (second half), 202, 202 → 4 payloads.
  const gz = (a: number, b: number) => gzipSync(payloadBody(points.slice(a, b))).length;
  expect(gz(0, 5_000)).toBeGreaterThan(1.3 * 15_000);
  expect(Math.min(gz(0, 2_500), gz(2_500, 5_000))).toBeGreaterThan(1.15 * 15_000);
  expect(Math.max(gz(0, 1_250), gz(1_250, 2_500), gz(2_500, 3_750), gz(3_750, 5_000))).toBeLessThan(
    0.8 * 15_000,
  );

  const result = await sink().submit(points, { deadline: FUTURE });

  expect(statuses(intake)).toEqual([413, 413, 202, 202, 413, 202, 202]);
  expect(result).toEqual({ submitted: 5_000, dropped: 0, payloads: 4 });
  expect(values(intake)).toEqual(range(5_000));
  expect(log.lines.filter((l) => l.includes('413'))).toHaveLength(3);
});

test('413 for a single series cannot be split: PermanentError naming the metric', async () => {
  await intake.close();
  // One series is ~200 bytes gzip, over a 100-byte limit however it is cut.
  intake = await startFakeIntake({ maxCompressedBytes: 100 });
  const err = await failure(sink().submit(cycle(2), { deadline: FUTURE }));

  expect(err).toBeInstanceOf(PermanentError);
  expect(err.message).toContain('413');
  expect(err.message).toContain('github.ci.workflow_duration.p50');
  // All (413), first half = the first point alone (413), then the error.
  expect(statuses(intake)).toEqual([413, 413]);
});

test('403: PermanentError with the status, Datadog’s own message and a fix, never the key', async () => {
  const err = await failure(sink({ apiKey: WRONG_KEY }).submit(cycle(3), { deadline: FUTURE }));

  expect(err).toBeInstanceOf(PermanentError);
  expect(err.message).toContain('HTTP 403');
  expect(err.message).toContain('Forbidden');
  expect(err.message).toContain('DD_API_KEY');
  expect(err.message).not.toContain(WRONG_KEY);
  expect(intake.series).toEqual([]);
});

test('400 for an invalid point: PermanentError carrying the intake’s error text', async () => {
  // NaN serializes as null, which the intake refuses.
  const points: DataPoint[] = [{ metric: 'x.nan', type: 'gauge', value: NaN, timestamp: TS, tags: [] }];
  const err = await failure(sink().submit(points, { deadline: FUTURE }));

  expect(err).toBeInstanceOf(PermanentError);
  expect(err.message).toContain('HTTP 400');
  expect(err.message).toContain('series[0].points[0]: timestamp and value must be numbers');
});

test.each([401, 404, 422])(
  '%i is permanent too, with the intake’s text (a status the client does not parse)',
  async (status) => {
    intake.respondWith([status]);
    const err = await failure(sink().submit(cycle(3), { deadline: FUTURE }));

    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toContain(`HTTP ${status}`);
    expect(err.message).toContain(`fake intake: forced ${status}`);
  },
);

test.each([408, 429, 500, 502, 503])('%i before the deadline is retryable', async (status) => {
  intake.respondWith([status]);
  const err = await failure(sink().submit(cycle(3), { deadline: FUTURE }));

  expect(err).toBeInstanceOf(IntakeUnavailableError);
  expect((err as IntakeUnavailableError).status).toBe(status);
  expect(err.message).toContain(`HTTP ${status}`);
});

test('503 while down: retried attempts resume after the accepted chunks and send none of them twice', async () => {
  const points = cycle(30_000);
  const limits = { maxCompressedBytes: 50_000, maxRawBytes: 5_000_000 };
  const chunks = chunkPoints(points, limits);
  expect(chunks.length).toBeGreaterThan(3);
  const s = sink(limits);

  // Like Temporal: each attempt resumes from the last heartbeat (chunks done); the intake goes down
  // after 2 chunks, stays down for 2 attempts, then recovers.
  let done = 0;
  const errors: IntakeUnavailableError[] = [];
  const options = (): SubmitOptions => ({
    deadline: FUTURE,
    skipChunks: done,
    onProgress: (n) => {
      done = n;
      if (n === 2 && errors.length === 0) intake.setDown(true);
    },
  });
  let result;
  for (let attempt = 1; !result; attempt++) {
    if (attempt === 3) intake.setDown(false);
    try {
      result = await s.submit(points, options());
    } catch (err) {
      if (!(err instanceof IntakeUnavailableError)) throw err;
      errors.push(err);
    }
  }

  expect(errors.map((e) => e.status)).toEqual([503, 503]);
  expect(errors[0]!.message).toContain('503');
  // Chunks 1–2 accepted, two refused attempts at chunk 3, then chunks 3..n once each.
  expect(statuses(intake)).toEqual([202, 202, 503, 503, ...chunks.slice(2).map(() => 202)]);
  expect(values(intake)).toEqual(range(30_000));
  expect(result).toEqual({ submitted: 30_000, dropped: 0, payloads: chunks.length });
});

test('past the deadline with the intake down: returns with every point dropped, and says so', async () => {
  intake.setDown(true);
  const result = await sink({ now: () => FUTURE.getTime() }).submit(cycle(10), { deadline: FUTURE });

  expect(result).toEqual({ submitted: 0, dropped: 10, payloads: 0 });
  const warning = log.lines.find((l) => l.includes('past the submission deadline'));
  expect(warning).toContain('"dropped":10');
});

test('past the deadline after some chunks: only the points not yet accepted are dropped', async () => {
  const points = cycle(30_000);
  const limits = { maxCompressedBytes: 50_000, maxRawBytes: 5_000_000 };
  const chunks = chunkPoints(points, limits);
  const result = await sink({ ...limits, now: () => FUTURE.getTime() + 1 }).submit(points, {
    deadline: FUTURE,
    onProgress: (n) => n === 2 && intake.setDown(true),
  });

  // Chunks 1 and 2 hold points [0, chunks[2].start); the rest was never accepted.
  const accepted = chunks[2]!.start;
  expect(result).toEqual({ submitted: accepted, dropped: 30_000 - accepted, payloads: 2 });
  expect(values(intake)).toEqual(range(accepted));
});

test('a request that hangs fails as retryable within the request timeout', async () => {
  intake.respondWith(['hang']);
  const started = Date.now();
  const err = await failure(sink({ requestTimeoutMs: 300 }).submit(cycle(3), { deadline: FUTURE }));
  const elapsed = Date.now() - started;

  expect(err).toBeInstanceOf(IntakeUnavailableError);
  expect(err.message).toContain('did not answer within 300 ms');
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(2_000);
  // The next attempt gets a normal answer.
  expect(await sink().submit(cycle(3), { deadline: FUTURE })).toMatchObject({ submitted: 3 });
});

test('nothing listening: retryable, naming the target; nothing printed on stderr', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const s = sink({ url });
    const errors = [
      await failure(s.submit(cycle(3), { deadline: FUTURE })),
      await failure(s.submit(cycle(3), { deadline: FUTURE })),
    ];
    for (const err of errors) {
      expect(err).toBeInstanceOf(IntakeUnavailableError);
      expect(err.message).toContain(`Datadog intake at ${url} is unreachable`);
    }
    expect(printed).not.toHaveBeenCalled();
  } finally {
    printed.mockRestore();
  }
});

test('cancellation through the signal ends the submission with the signal’s reason', async () => {
  intake.respondWith(['hang']);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('activity cancelled')), 100);
  const err = await failure(sink().submit(cycle(3), { deadline: FUTURE, signal: controller.signal }));

  expect(err.message).toBe('activity cancelled');
  expect(err).not.toBeInstanceOf(IntakeUnavailableError);
});
