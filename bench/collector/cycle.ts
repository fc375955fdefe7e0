/** Wall time, CPU time and peak memory of one cycle run in this process, as the engine would run it. */
import { performance } from 'node:perf_hooks';

export interface CycleMemory {
  /** After a full GC, just before the cycle. */
  readonly rssBeforeBytes: number;
  readonly heapBeforeBytes: number;
  /** Highest readings while the units ran (every `sampleMs`, on the event loop). */
  readonly rssPeakBytes: number;
  readonly heapPeakBytes: number;
}

export interface MeasuredCycle<R> {
  readonly wallMs: number;
  /** CPU time of this process during the cycle (user + system). */
  readonly cpuMs: number;
  readonly memory: CycleMemory;
  /** What `units` answered. */
  readonly result: R;
}

/** Runs `units` (the cycle's collect calls), sampling memory every `sampleMs` while they run. */
export async function measureCycle<R>(sampleMs: number, units: () => Promise<R>): Promise<MeasuredCycle<R>> {
  global.gc?.();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  const sampler = setInterval(sample, sampleMs);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let result: R;
  try {
    result = await units();
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    memory: {
      rssBeforeBytes: before.rss,
      heapBeforeBytes: before.heapUsed,
      rssPeakBytes: rssPeak,
      heapPeakBytes: heapPeak,
    },
    result,
  };
}
