/**
 * The driver of a collector's benchmark: a bench file ends with `driveCollectorBench(spec)`. Started by
 * `npm run bench -- <name>`, it measures; forked with FAKE_HOST_ARG, it is the fake's process instead.
 */
import { loadavg } from 'node:os';
import { progressOf } from '../driver/progress';
import { benchOutDir, machineUnderLoad, writeResults } from '../driver/results';
import { runBench } from '../driver/run';
import { FAKE_HOST_ARG, forkFake, serveFake } from './fake';
import type { CollectorBench, CollectorBenchResult, Fake, FakeTypes } from './spec';

export function driveCollectorBench<O, T extends FakeTypes, M extends object>(
  spec: CollectorBench<O, T, M>,
): void {
  if (process.argv[2] === FAKE_HOST_ARG) {
    serveFake<T>(`bench ${spec.name}`, spec.startFake);
    return;
  }
  const progress = progressOf(`bench ${spec.name}`);
  const running = new Set<Fake<T>>();
  runBench({
    usage: spec.usage,
    parse: spec.parse,
    main: (options) => measure(spec, options, progress, running),
    cleanup: async () => {
      await Promise.all([...running].map((fake) => fake.stop()));
    },
    progress,
  });
}

async function measure<O, T extends FakeTypes, M extends object>(
  spec: CollectorBench<O, T, M>,
  options: O,
  progress: (line: string) => void,
  running: Set<Fake<T>>,
): Promise<void> {
  if (typeof global.gc !== 'function')
    progress('node runs without --expose-gc: memory is read without a full GC');
  const startedAt = new Date();
  const loadBefore = loadavg();
  const outDir = await benchOutDir();
  // The fake's process runs this same script (see driveCollectorBench).
  const script = process.argv[1]!;

  const measured = await spec.measure({
    options,
    progress,
    async startFake(args) {
      const fake = await forkFake<T>(script, args);
      running.add(fake);
      return {
        ...fake,
        stop: () => {
          running.delete(fake);
          return fake.stop();
        },
      };
    },
  });

  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: machineUnderLoad(loadBefore),
    options,
    ...measured,
  } as CollectorBenchResult<O, M>;
  await writeResults(outDir, spec.name, result, spec.render(result), progress);
  spec.verify?.(result);
}
