import { parseFlags } from '../driver/args';
import { TEMPORAL_USAGE } from '../driver/temporal';

export interface BenchOptions {
  /** Unmeasured cycles before the latency samples. */
  readonly warmups: number;
  /** Measured samples of each latency (engine cycle and bare workflow). */
  readonly samples: number;
  /** Sequential small cycles of the memory phase; RSS is read at half of them and at the end. */
  readonly cycles: number;
  readonly quick: boolean;
}

export const USAGE = `usage: node --expose-gc dist/bench/engine.js [--quick] [--cycles N]
  --quick      fewer samples (3 latency samples, 40 memory cycles unless --cycles is given)
  --cycles N   cycles of the memory phase (default 200; RSS is read after N/2 and N)
${TEMPORAL_USAGE}`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const values = parseFlags(argv, {
    quick: { type: 'boolean', default: false },
    cycles: { type: 'string' },
  });
  if (values === 'help') return 'help';
  const quick = values.quick ?? false;
  let cycles = quick ? 40 : 200;
  if (values.cycles !== undefined) {
    cycles = Number(values.cycles);
    if (!Number.isInteger(cycles) || cycles < 2) {
      throw new Error(`--cycles must be an integer of at least 2 (got "${values.cycles}")`);
    }
  }
  return { warmups: 1, samples: quick ? 3 : 5, cycles, quick };
}
