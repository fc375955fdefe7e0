// A tiny collector for config tests: two groups, a settings schema of its own, flags support.
import { z } from 'zod';
import type { Collector, Registry } from '../../src/collectors/types';

const settingsSchema = z.strictObject({
  targets: z.array(z.string().regex(/^[a-z]+$/, 'must be lower-case letters')).min(1),
  options: z
    .strictObject({ window: z.string().default('7d').describe('Look-back window.') })
    .prefault({})
    .describe('Options of the test collector.'),
});

export const testCollector: Collector<z.output<typeof settingsSchema>> = {
  name: 'test',
  description: 'A collector for tests.',
  catalog: {
    collector: 'test',
    targetTags: {},
    tags: {},
    groups: [
      {
        name: 'fetch',
        description: 'Fetches things.',
        timeout: '2m',
        retry: { maximumAttempts: 3, initialInterval: '1s', maximumInterval: '30s' },
      },
      { name: 'summary', description: 'Summarises things.', timeout: '30s' },
    ],
    metrics: [],
  },
  defaultSchedule: '*/15 * * * *',
  settingsSchema,
  settingsFromFlags: (flags) => ({ targets: flags.target }),
  secrets: ['test/token'],
  targets: () => Promise.resolve([]),
  collect: () => Promise.resolve([]),
  probe: () => Promise.resolve('test service'),
  rateBudget: { unitsPerSecond: 10, note: 'no limit: nothing is called' },
};

export const testRegistry: Registry = new Map([['test', testCollector]]);
