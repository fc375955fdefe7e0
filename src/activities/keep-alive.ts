import type { Context } from '@temporalio/activity';
import { KEEP_ALIVE_INTERVAL_MS } from '../workflows/heartbeat';

/**
 * Runs `fn` while heartbeating every KEEP_ALIVE_INTERVAL_MS, so that a live attempt never misses
 * its heartbeat timeout during a long request, and a dead one is noticed within that timeout. The
 * latest details `fn` reports are re-sent each time: a retry resumes from them, so a bare
 * keep-alive must not erase them. (The SDK throttles what actually reaches the server.)
 */
export async function withKeepAlive<T>(
  ctx: Context,
  fn: (heartbeat: (details?: unknown) => void) => Promise<T>,
): Promise<T> {
  let latest: unknown = ctx.info.heartbeatDetails;
  const beat = (details?: unknown) => {
    if (details !== undefined) latest = details;
    ctx.heartbeat(latest);
  };
  const timer = setInterval(() => beat(), KEEP_ALIVE_INTERVAL_MS);
  try {
    return await fn(beat);
  } finally {
    clearInterval(timer);
  }
}
