/** A job's region as a tag value. The server reports `-` when it does not know (no launched cluster). */
import type { Job } from './job';

export const UNKNOWN_REGION = 'unknown';

/** Lower-cased, tag-safe; `unknown` for `-`, empty or missing. */
export function regionOf(job: Job): string {
  const r = job.region?.trim().toLowerCase();
  if (!r || r === '-') return UNKNOWN_REGION;
  return r.replace(/[^a-z0-9_\-./:]/g, '_');
}
