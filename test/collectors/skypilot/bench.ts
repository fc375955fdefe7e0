/**
 * Requests and wall time of one cycle (both groups) for a queue of 5,000 jobs on the fake server with
 * 50 ms latency per answer, against the least possible (one POST and one GET per group).
 * Not part of the suite (run command below). The fake runs in the same process, so the heap
 * figure includes its answers.
 */
// node --expose-gc node_modules/.bin/jest --testMatch '**/skypilot/bench.ts'
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { generateDataset, startFakeSkyPilot } from '../../../src/fakes/skypilot';
import { makeContext } from './context';

const JOBS = 5000;
const LATENCY_MS = 50;
const LEAST = 4; // jobs: POST + GET of the whole queue; clusters: POST + GET

/** The collector options of a round (without the warm-up marker). */
function settingsOf(round: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(round).filter(([k]) => k !== 'warmUp'));
}

test('cycle cost for 5,000 jobs at 50 ms latency', async () => {
  const now = Date.now() / 1000;
  const fake = await startFakeSkyPilot({
    dataset: generateDataset({ jobs: JOBS, now }),
    latencyMs: LATENCY_MS,
  });
  const rows: string[] = [];
  try {
    // The first round warms up the JIT and is not reported; each other is the median of 5 cycles.
    for (const options of [{ warmUp: true }, {}, { concurrency: 1 }, { pageSize: 500 }, { pageSize: 5000 }]) {
      const walls: number[] = [];
      let requests = 0;
      let peakHeap = 0;
      let points = 0;
      for (let i = 0; i < 5; i++) {
        fake.requests.length = 0;
        global.gc?.();
        const before = process.memoryUsage().heapUsed;
        const sampler = setInterval(
          () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before)),
          2,
        );
        const started = performance.now();
        const units = (['jobs', 'clusters'] as const).map((group) =>
          skypilotCollector.collect(
            makeContext({ group, asOf: new Date(now * 1000), url: fake.url, options: settingsOf(options) })
              .ctx,
          ),
        );
        points = (await Promise.all(units)).flat().length;
        walls.push(performance.now() - started);
        clearInterval(sampler);
        requests = fake.requests.length;
      }
      if ('warmUp' in options) continue;
      const median = walls.sort((x, y) => x - y)[2]!;
      rows.push(
        `| ${JSON.stringify(options)} | ${requests} | ${(requests / LEAST).toFixed(1)} | ${median.toFixed(0)} ms | ${(peakHeap / 2 ** 20).toFixed(0)} MiB | ${points} |`,
      );
    }
  } finally {
    await fake.close();
  }
  const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  process.stdout.write(
    [
      '| options | requests | ÷ least (4) | wall time (median of 5) | peak heap growth | points |',
      '|---|---|---|---|---|---|',
      ...rows,
      `RSS at end: ${rss} MiB`,
    ].join('\n') + '\n',
  );
}, 120_000);
