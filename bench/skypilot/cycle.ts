/**
 * One cycle in this process, as the engine runs it: the `jobs` and `clusters` units of the one
 * server at the same time, each a direct `collect` call with an activity's context. Memory is
 * sampled while they run.
 */
import { performance } from 'node:perf_hooks';
import { skypilotCollector } from '../../src/collectors/skypilot';
import type { SkyPilotSettings } from '../../src/collectors/skypilot/settings';
import { unitContext } from './context';

export const GROUPS = ['jobs', 'clusters'] as const;
export const SAMPLE_MS = 2;

export interface CycleRun {
  readonly wallMs: number;
  /** CPU time of this process during the cycle (user + system). */
  readonly cpuMs: number;
  readonly points: number;
  /** After a full GC, just before the cycle. */
  readonly heapBeforeBytes: number;
  readonly rssBeforeBytes: number;
  /** Highest readings while the units ran (every SAMPLE_MS, on the event loop). */
  readonly heapPeakBytes: number;
  readonly rssPeakBytes: number;
  readonly warnings: string[];
}

export async function runCycle(settings: SkyPilotSettings, asOf: Date): Promise<CycleRun> {
  const contexts = GROUPS.map((group) => unitContext(group, settings, asOf));
  global.gc?.();
  const before = process.memoryUsage();
  let heapPeak = before.heapUsed;
  let rssPeak = before.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let points: number;
  try {
    const results = await Promise.all(contexts.map((ctx) => skypilotCollector.collect(ctx)));
    points = results.reduce((n, r) => n + r.length, 0);
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    points,
    heapBeforeBytes: before.heapUsed,
    rssBeforeBytes: before.rss,
    heapPeakBytes: heapPeak,
    rssPeakBytes: rssPeak,
    warnings: contexts.flatMap((ctx) =>
      ctx.log.lines.map((l) => {
        const { level, msg } = JSON.parse(l) as { level: string; msg: string };
        return `${level}: ${msg}`;
      }),
    ),
  };
}
