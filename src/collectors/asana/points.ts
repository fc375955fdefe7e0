/** Asana points, built only from names and tag keys the Asana catalog declares. */
import { emitterOf, type PointOf } from '../../catalog/emitter';
import { asanaCatalog } from './catalog';

export type AsanaPoint = PointOf<typeof asanaCatalog>;

export const { point, points } = emitterOf(asanaCatalog);
