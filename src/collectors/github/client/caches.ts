/**
 * Caches in the worker process's memory, shared by all the units it runs. A restart starts cold and
 * each replica warms its own; nothing here is needed for correctness, only for cost.
 *
 * - ETags: for each GET URL (per token and base URL), the last ETag and the part of the body the
 *   collector reads. A 304 costs no rate limit, so listings that repeat between cycles (runs of
 *   closed periods, repo lists, commits) are nearly free once warm.
 * - PR details: review-comment counts and comment times of a PR, valid while its `updatedAt` holds.
 *
 * Each is bounded by an approximate byte size (JSON length); least recently used entries go first.
 */
interface Entry<V> {
  readonly value: V;
  readonly bytes: number;
}

const processCaches = new Set<BoundedCache<unknown>>();

/** Empties every process-wide cache: the next cycle runs cold (tests, benchmarks). */
export function clearProcessCaches(): void {
  for (const cache of processCaches) cache.clear();
}

export class BoundedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** A cache shared by every unit of the worker process. */
  static shared<V>(maxBytes: number): BoundedCache<V> {
    const cache = new BoundedCache<V>(maxBytes);
    processCaches.add(cache);
    return cache;
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit?.value;
  }

  set(key: string, value: V): void {
    const bytes = 2 * (key.length + JSON.stringify(value).length);
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

export interface CachedResponse {
  readonly etag: string;
  /** The projection of the body (only what the collector reads). */
  readonly value: unknown;
  /** The `link` header of the cached page, for pagination through 304s. */
  readonly link?: string;
}

export type EtagCache = BoundedCache<CachedResponse>;

/** 64 MiB: about 1,000 pages of 100 projected workflow runs. */
export const processEtagCache: EtagCache = BoundedCache.shared(64 * 1024 * 1024);
