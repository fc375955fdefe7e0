/**
 * Deterministic chunking of points into `POST /api/v2/series` payloads. A submission interrupted
 * after k accepted chunks is resumed with `skipChunks: k`, so the same points must always yield the
 * same chunks: everything here is a pure function of the points and the limits.
 */
import { gzipSync } from 'node:zlib';
import type { DataPoint, MetricType } from '../catalog/model';

/** One series of the v2 intake, as it goes on the wire (keys in the client's serialization order). */
export interface WireSeries {
  metric: string;
  points: { timestamp: number; value: number }[];
  tags: string[];
  /** v2 intake types: 1 count, 2 rate, 3 gauge. */
  type: 1 | 2 | 3;
  unit?: string;
}

export interface ChunkLimits {
  /** Largest uncompressed JSON body, in bytes. */
  readonly maxRawBytes: number;
  /** Largest gzip-compressed body, in bytes. */
  readonly maxCompressedBytes: number;
}

/** Points `[start, end)` of the input, sent as one payload. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly rawBytes: number;
  /** Measured gzip size; absent when the raw size alone proves the chunk is under the limit. */
  readonly compressedBytes?: number;
}

const INTAKE_TYPE: Record<MetricType, WireSeries['type']> = { count: 1, rate: 2, gauge: 3 };

const PREFIX = '{"series":[';
const SUFFIX = ']}';
const ENVELOPE_BYTES = PREFIX.length + SUFFIX.length;

/** Aim this far under the compressed limit when sizing a chunk from a measured ratio. */
const MARGIN = 0.9;

/** One series per point; no host resource (these are not host metrics), no unit when absent. */
export function toSeries(point: DataPoint): WireSeries {
  const series: WireSeries = {
    metric: point.metric,
    points: [{ timestamp: point.timestamp, value: point.value }],
    tags: point.tags,
    type: INTAKE_TYPE[point.type],
  };
  if (point.unit !== undefined) series.unit = point.unit;
  return series;
}

/** The JSON body of a payload, byte for byte what the chunker measures. */
export function payloadBody(points: readonly DataPoint[]): string {
  return PREFIX + points.map((p) => JSON.stringify(toSeries(p))).join(',') + SUFFIX;
}

/**
 * Splits points, in order, into contiguous chunks whose raw body is at most `maxRawBytes` and whose
 * gzip size is at most `maxCompressedBytes`. A single point that alone exceeds a limit gets a chunk
 * of its own (it cannot be split; the intake decides).
 *
 * Cost: each point is serialized once; a chunk is gzipped only when its raw size could exceed the
 * compressed limit, and the measured compression ratio sizes the next chunk, so a cycle of 100,000
 * points costs a handful of gzip calls.
 */
export function chunkPoints(points: readonly DataPoint[], limits: ChunkLimits): Chunk[] {
  const parts = points.map((p) => JSON.stringify(toSeries(p)));
  // offsets[i] = bytes of parts[0..i), so the raw size of any range is O(1).
  const offsets = new Array<number>(parts.length + 1);
  offsets[0] = 0;
  parts.forEach((part, i) => (offsets[i + 1] = offsets[i]! + Buffer.byteLength(part)));
  const rawSize = (start: number, end: number) =>
    ENVELOPE_BYTES + offsets[end]! - offsets[start]! + (end - start - 1);

  // The largest end such that [start, end) is at most `budget` raw bytes (at least one point).
  const fill = (start: number, budget: number): number => {
    let end = start + 1;
    while (end < parts.length && rawSize(start, end + 1) <= budget) end++;
    return end;
  };

  const chunks: Chunk[] = [];
  let budget = limits.maxRawBytes;
  let start = 0;
  while (start < parts.length) {
    let end = fill(start, Math.min(budget, limits.maxRawBytes));
    for (;;) {
      const raw = rawSize(start, end);
      if (end - start === 1 || surelyFits(raw, limits.maxCompressedBytes)) {
        chunks.push({ start, end, rawBytes: raw });
        break;
      }
      const compressed = gzipSync(PREFIX + parts.slice(start, end).join(',') + SUFFIX).length;
      // Size the next attempt (or the next chunk) from the ratio just measured.
      budget = Math.floor(((raw * limits.maxCompressedBytes) / compressed) * MARGIN);
      if (compressed <= limits.maxCompressedBytes) {
        chunks.push({ start, end, rawBytes: raw, compressedBytes: compressed });
        break;
      }
      // Strictly fewer points each round, so this terminates.
      end = Math.max(start + 1, Math.min(fill(start, budget), end - 1));
    }
    start = end;
  }
  return chunks;
}

/** gzip never grows a body by more than its header, trailer and 5 bytes per stored block. */
function surelyFits(rawBytes: number, maxCompressedBytes: number): boolean {
  return rawBytes + 5 * Math.ceil(rawBytes / 16_000) + 32 <= maxCompressedBytes;
}
