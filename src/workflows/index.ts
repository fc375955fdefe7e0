// The workflows a worker registers.
export { collectionCycle } from './collection-cycle';
export { collectBatch } from './collect-batch';
export { backfillCollector } from './backfill';
