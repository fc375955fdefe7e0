/** SkyPilot points, built only from names and tag keys the SkyPilot catalog declares. */
import { emitterOf, type PointOf } from '../../catalog/emitter';
import { skypilotCatalog } from './catalog';

export type SkyPilotPoint = PointOf<typeof skypilotCatalog>;

export const { point, points } = emitterOf(skypilotCatalog);
