/** The flags of every collector bench's fake: how slowly it answers, and the seed of its data. */
import { intFlag } from '../driver/args';

export const FAKE_FLAGS = {
  latency: { type: 'string', default: '50' },
  seed: { type: 'string', default: '1' },
} as const;

export function fakeOptions(values: { latency: string; seed: string }): { latencyMs: number; seed: number } {
  return {
    latencyMs: intFlag('latency', values.latency, 0, 10_000),
    seed: intFlag('seed', values.seed, 0, 1_000_000),
  };
}
