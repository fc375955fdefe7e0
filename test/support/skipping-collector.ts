/**
 * The synthetic collector with a `skipUnits` each test scripts: the units it leaves out (or a
 * planner that throws, or a wrong answer), to check how the engine honours the hook.
 */
import type { Collector, PlannedUnit, SkippedUnit } from '../../src/collectors/types';
import { syntheticCollector, type SyntheticSettings } from './synthetic-collector';

export type SkipScript = (units: readonly PlannedUnit[]) => readonly SkippedUnit[];

export function skippingCollector(script: SkipScript): Collector<SyntheticSettings> {
  return {
    ...syntheticCollector,
    skipUnits: (_ctx, units) => Promise.resolve().then(() => script(units)),
  };
}

/** Skip these `group/target` units, all with `reason`. */
export function skipThese(reason: string, ...keys: string[]): SkipScript {
  return (units) =>
    units
      .filter((u) => keys.includes(`${u.group}/${u.target.id}`))
      .map((u) => ({ group: u.group, target: u.target.id, reason }));
}
