import { gzipSync } from 'node:zlib';
import type { DataPoint } from '../../src/catalog/model';
import { chunkPoints, payloadBody, toSeries, type Chunk } from '../../src/datadog/chunk';
import { v2 } from '@datadog/datadog-api-client';

const TS = 1_767_225_600; // 2026-01-01T00:00:00Z

/** A cycle of `n` points, in a shape close to real collector output, values numbering the points. */
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

/** Chunks must tile [0, n) in order: every point exactly once, never reordered. */
function expectTiling(chunks: readonly Chunk[], n: number): void {
  let next = 0;
  for (const c of chunks) {
    expect(c.start).toBe(next);
    expect(c.end).toBeGreaterThan(c.start);
    next = c.end;
  }
  expect(next).toBe(n);
}

describe('toSeries', () => {
  test('maps types to the v2 intake numbers and omits an absent unit', () => {
    const base = { metric: 'm', value: 1.5, timestamp: TS, tags: ['a:b'] };
    expect(toSeries({ ...base, type: 'count' }).type).toBe(1);
    expect(toSeries({ ...base, type: 'rate' }).type).toBe(2);
    expect(toSeries({ ...base, type: 'gauge', unit: 'second' })).toEqual({
      metric: 'm',
      points: [{ timestamp: TS, value: 1.5 }],
      tags: ['a:b'],
      type: 3,
      unit: 'second',
    });
    expect('unit' in toSeries({ ...base, type: 'gauge' })).toBe(false);
  });
});

describe('chunkPoints', () => {
  test('no points, no chunks', () => {
    expect(chunkPoints([], { maxRawBytes: 1000, maxCompressedBytes: 1000 })).toEqual([]);
  });

  test('a small cycle is one chunk, and is not gzipped when its raw size already proves it fits', () => {
    const points = cycle(3);
    const chunks = chunkPoints(points, { maxRawBytes: 5_000_000, maxCompressedBytes: 500_000 });
    // The raw body is a few hundred bytes, far under 500,000 even before compression.
    expect(chunks).toEqual([{ start: 0, end: 3, rawBytes: Buffer.byteLength(payloadBody(points)) }]);
  });

  test('the raw limit alone: exactly as many points per chunk as the arithmetic allows', () => {
    // All points serialize to the same length s (same digits in value, same tags). A body of k
    // points is 11 ('{"series":[') + 2 (']}') + k·s + (k − 1) commas bytes, so the greedy packing
    // puts k = floor((10,000 − 13 + 1) / (s + 1)) points in each chunk.
    const points = cycle(1000).map((p) => ({ ...p, value: 1000 + p.value, metric: 'x.y', tags: ['env:t'] }));
    const s = JSON.stringify(toSeries(points[0]!)).length;
    const k = Math.floor((10_000 - 13 + 1) / (s + 1));
    const chunks = chunkPoints(points, { maxRawBytes: 10_000, maxCompressedBytes: 1_000_000 });
    expectTiling(chunks, 1000);
    expect(chunks.length).toBe(Math.ceil(1000 / k));
    for (const c of chunks.slice(0, -1)) expect(c.end - c.start).toBe(k);
    for (const c of chunks) expect(c.rawBytes).toBeLessThanOrEqual(10_000);
  });

  test('the compressed limit: every chunk gzips under it, chunks are reasonably full, points stay in order', () => {
    const points = cycle(30_000);
    const limit = 50_000;
    const chunks = chunkPoints(points, { maxRawBytes: 5_000_000, maxCompressedBytes: limit });
    expectTiling(chunks, points.length);
    // The whole cycle compresses to far more than 50,000 bytes, so it needs at least that many chunks.
    const whole = gzipSync(payloadBody(points)).length;
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(whole / limit));
    for (const c of chunks) {
      const measured = gzipSync(payloadBody(points.slice(c.start, c.end))).length;
      expect(measured).toBeLessThanOrEqual(limit);
      expect(c.compressedBytes ?? measured).toBe(measured);
      expect(c.rawBytes).toBe(Buffer.byteLength(payloadBody(points.slice(c.start, c.end))));
    }
    // Chunks aim at 90% of the limit from the measured ratio: all but the last are well over half full.
    for (const c of chunks.slice(0, -1)) expect(c.compressedBytes!).toBeGreaterThan(limit / 2);
  });

  test('deterministic: the same points always give the same chunks (resuming relies on it)', () => {
    const points = cycle(20_000);
    const limits = { maxRawBytes: 400_000, maxCompressedBytes: 30_000 };
    const first = chunkPoints(points, limits);
    expect(chunkPoints(points, limits)).toEqual(first);
    expect(chunkPoints(structuredClone(points), limits)).toEqual(first);
  });

  test('a point larger than the limits gets a chunk of its own', () => {
    const big: DataPoint = {
      metric: 'x.big',
      type: 'gauge',
      value: 1,
      timestamp: TS,
      tags: Array.from({ length: 50 }, (_, i) => `t${i}:${'v'.repeat(40)}`),
    };
    const points = [...cycle(2), big, ...cycle(2)];
    const chunks = chunkPoints(points, { maxRawBytes: 1000, maxCompressedBytes: 1000 });
    expectTiling(chunks, 5);
    expect(chunks.find((c) => c.start === 2)).toMatchObject({ start: 2, end: 3 });
  });

  test('100,000 points under the default limits in well under the time of one activity', () => {
    const points = cycle(100_000);
    const started = Date.now();
    const chunks = chunkPoints(points, { maxRawBytes: 5_000_000, maxCompressedBytes: 500_000 });
    const elapsed = Date.now() - started;
    expectTiling(chunks, points.length);
    // ~140 bytes per point → ~14 MB raw → at least 3 chunks by the 5 MB raw limit.
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) {
      expect(c.rawBytes).toBeLessThanOrEqual(5_000_000);
      expect(c.compressedBytes ?? 0).toBeLessThanOrEqual(500_000);
    }
    expect(elapsed).toBeLessThan(5_000);
  });
});

test("a payload's body is byte for byte what the official client would send for the same series", () => {
  // The sink posts payloadBody itself (src/datadog/post-payload.ts); the client's serializer is the
  // reference for the wire format: field names, their order, the numeric types, an absent unit.
  const points: DataPoint[] = [
    ...cycle(3),
    { metric: 'github.api.requests', type: 'count', value: 7, timestamp: TS, tags: ['resource:core'] },
    { metric: 'skypilot.cost.hourly', type: 'rate', value: 0.25, timestamp: TS, tags: [], unit: 'dollar' },
  ];
  const { ObjectSerializer } = v2;
  const body = ObjectSerializer.stringify(
    ObjectSerializer.serialize({ series: points.map(toSeries) }, 'MetricPayload', ''),
    'application/json',
  );
  expect(payloadBody(points)).toBe(body);
});
