/**
 * One submission: the points in deterministic chunks, sent in order, each accepted chunk reported (the
 * activity heartbeats it), and the chunks an earlier attempt had sent skipped.
 */
import type { DataPoint } from '../catalog/model';
import type { Logger } from '../log';
import { chunkPoints, type ChunkLimits } from './chunk';
import { dropPastDeadlineOrRethrow } from './deadline';
import { sendHalvingOn413, type Progress } from './halve-on-413';
import type { PostPayload } from './post-payload';
import type { SubmitOptions, SubmitResult } from './types';

export interface ChunkSender {
  readonly post: PostPayload;
  readonly limits: ChunkLimits;
  readonly log: Logger;
  readonly now: () => number;
  /** The intake as named in log lines. */
  readonly target: string;
}

export async function submitInChunks(
  sender: ChunkSender,
  points: readonly DataPoint[],
  opts: SubmitOptions,
): Promise<SubmitResult> {
  const { log } = sender;
  const chunks = chunkPoints(points, sender.limits);
  const skip = Math.min(opts.skipChunks ?? 0, chunks.length);
  // Skipped chunks were accepted by an earlier attempt: count them so the result covers every point.
  const progress: Progress = { submitted: chunks[skip]?.start ?? points.length, payloads: skip };
  for (let i = skip; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    try {
      await sendHalvingOn413(sender.post, log, points, chunk.start, chunk.end, progress, opts.signal);
    } catch (err) {
      return dropPastDeadlineOrRethrow(err, {
        chunk: i,
        chunks: chunks.length,
        total: points.length,
        progress,
        deadline: opts.deadline,
        now: sender.now,
        log,
      });
    }
    log.debug('Datadog accepted a chunk', {
      chunk: i,
      chunks: chunks.length,
      points: chunk.end - chunk.start,
      rawBytes: chunk.rawBytes,
    });
    opts.onProgress?.(i + 1);
  }
  if (points.length > 0) {
    log.info('Submitted points to Datadog', {
      target: sender.target,
      submitted: progress.submitted,
      payloads: progress.payloads,
      skippedChunks: skip,
    });
  }
  return { submitted: progress.submitted, dropped: 0, payloads: progress.payloads };
}
