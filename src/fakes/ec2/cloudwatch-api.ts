/** The fake's CloudWatch (JSON 1.0, query-compatible errors): GetMetricData of instances' CPUUtilization. */
import type { FakeInstance, FakeRegion } from './model';
import { error, type Answer, type Request } from './wire';

/** GetMetricData over the caller's region; `now` is the fake's clock (default the real one). */
export function getMetricData(req: Request, region: FakeRegion, now: (() => Date) | undefined): Answer {
  const body = req.json ?? {};
  const start = Number(body.StartTime) * 1000;
  const end = Number(body.EndTime) * 1000;
  if (!(end > start))
    return error(
      req,
      400,
      'ValidationError',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  interface Query {
    readonly Id?: string;
    readonly MetricStat?: {
      readonly Period?: number;
      readonly Metric?: {
        readonly Namespace?: string;
        readonly MetricName?: string;
        readonly Dimensions?: readonly { Name: string; Value: string }[];
      };
    };
  }
  const queries = (body.MetricDataQueries as Query[] | undefined) ?? [];
  if (queries.length > 500)
    return error(
      req,
      400,
      'ValidationError',
      'The collection MetricDataQueries must not have a size greater than 500.',
    );
  const byId = new Map(region.instances.map((i) => [i.id, i]));
  const results = queries.map((q) => {
    const metric = q.MetricStat?.Metric ?? {};
    const period = Number(q.MetricStat?.Period) * 1000;
    const dimension = metric.Dimensions?.find((d) => d.Name === 'InstanceId');
    const instance =
      metric.Namespace === 'AWS/EC2' && metric.MetricName === 'CPUUtilization' && dimension
        ? byId.get(dimension.Value)
        : undefined;
    const buckets = new Map<number, number[]>();
    for (const p of [...(instance?.cpu ?? []), ...(instance ? levelPoints(instance, start, end, now) : [])]) {
      const t = p.at.getTime();
      if (t < start || t >= end) continue;
      const bucket = Math.floor(t / period) * period;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.value]);
    }
    const times = [...buckets.keys()].sort((a, b) => b - a);
    return {
      Id: q.Id,
      Label: 'CPUUtilization',
      Timestamps: times.map((t) => t / 1000),
      Values: times.map((t) => {
        const v = buckets.get(t)!;
        return v.reduce((a, b) => a + b, 0) / v.length;
      }),
      StatusCode: 'Complete',
    };
  });
  return {
    status: 200,
    body: JSON.stringify({ MetricDataResults: results, Messages: [] }),
    headers: { 'content-type': 'application/x-amz-json-1.0' },
  };
}

/** The 5-minute datapoints of an instance with a `cpuLevel`, in [start, end) and not after the clock. */
function levelPoints(
  i: FakeInstance,
  start: number,
  end: number,
  now: (() => Date) | undefined,
): { at: Date; value: number }[] {
  if (i.cpuLevel === undefined || i.state !== 'running') return [];
  const step = 300_000;
  const last = Math.min(end, (now?.() ?? new Date()).getTime() + 1);
  const out: { at: Date; value: number }[] = [];
  for (let t = Math.ceil(Math.max(start, i.launchTime.getTime()) / step) * step; t < last; t += step) {
    // ± 2 points, the same for the same instance and time at every call.
    let h = 2166136261;
    for (const c of `${i.id}@${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    const value = Math.min(100, Math.max(0, i.cpuLevel + ((h % 4001) / 1000 - 2)));
    out.push({ at: new Date(t), value: Math.round(value * 1000) / 1000 });
  }
  return out;
}
