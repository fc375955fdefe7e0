import type { DataPoint } from '../../src/catalog/model';
import type { Sink, SubmitOptions, SubmitResult } from '../../src/datadog/types';

/** A sink that keeps what it is given, for workflow tests that are not about Datadog. */
export function memorySink(): Sink & { points: DataPoint[]; calls: number } {
  const sink = {
    kind: 'dry-run' as const,
    points: [] as DataPoint[],
    calls: 0,
    submit(points: readonly DataPoint[], _options: SubmitOptions): Promise<SubmitResult> {
      sink.calls++;
      sink.points.push(...points);
      return Promise.resolve({ submitted: points.length, dropped: 0, payloads: 1 });
    },
  };
  return sink;
}
