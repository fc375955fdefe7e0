/** W&B points, built only from names and tag keys the W&B catalog declares. */
import { emitterOf, type PointOf } from '../../catalog/emitter';
import { wandbCatalog } from './catalog';

export type WandbPoint = PointOf<typeof wandbCatalog>;

export const { point, points } = emitterOf(wandbCatalog);
