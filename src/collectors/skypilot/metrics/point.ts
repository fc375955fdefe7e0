import type { Point } from '../../../catalog/model';

/** A point of a `skypilot.` metric (names as in the catalog, without the prefix). */
export function point(name: string, value: number, tags?: Record<string, string>): Point {
  return tags ? { metric: `skypilot.${name}`, value, tags } : { metric: `skypilot.${name}`, value };
}

/** Jobs in status RUNNING: the population of the runtime, GPU, pricing and region metrics. */
export function running<T extends { status: string }>(jobs: readonly T[]): T[] {
  return jobs.filter((j) => j.status === 'RUNNING');
}
