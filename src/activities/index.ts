import type { CycleActivities } from '../workflows/types';
import { collectGroup } from './collect-group';
import type { ActivityDeps } from './deps';
import { planCycle } from './plan-cycle';
import { rollupGroup } from './rollup-group';
import { submitMetrics } from './submit-metrics';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps): CycleActivities {
  return {
    planCycle: planCycle(deps),
    collectGroup: collectGroup(deps),
    rollupGroup: rollupGroup(deps),
    submitMetrics: submitMetrics(deps),
  };
}
