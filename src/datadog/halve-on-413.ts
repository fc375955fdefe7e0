/**
 * Sending a range of points as one payload. A 413 means our chunking was wrong: the range is split in
 * halves and each half sent again, down to a single series, which no split can help.
 */
import type { DataPoint } from '../catalog/model';
import { PermanentError } from '../errors';
import type { Logger } from '../log';
import type { PostPayload } from './post-payload';

/** Counters of one submission, shared by the recursive splitting. */
export interface Progress {
  submitted: number;
  payloads: number;
}

/** Sends points[start, end), halving on 413; counts what the intake accepted in `progress`. */
export async function sendHalvingOn413(
  post: PostPayload,
  log: Logger,
  points: readonly DataPoint[],
  start: number,
  end: number,
  progress: Progress,
  signal?: AbortSignal,
): Promise<void> {
  if (await post(points.slice(start, end), signal)) {
    progress.submitted += end - start;
    progress.payloads++;
    return;
  }
  if (end - start === 1) {
    throw new PermanentError(
      `Datadog answered 413 (payload too large) to a single series (${points[start]!.metric})`,
      'the series has too many or too long tags',
    );
  }
  log.warn('Datadog answered 413 (payload too large); splitting the payload in halves', {
    points: end - start,
  });
  const mid = start + Math.ceil((end - start) / 2);
  await sendHalvingOn413(post, log, points, start, mid, progress, signal);
  await sendHalvingOn413(post, log, points, mid, end, progress, signal);
}
