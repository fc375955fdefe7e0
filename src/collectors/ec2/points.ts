/** EC2 points, built only from names and tag keys the EC2 catalog declares. */
import { emitterOf, type PointOf } from '../../catalog/emitter';
import { ec2Catalog } from './catalog';

export type Ec2Point = PointOf<typeof ec2Catalog>;

export const { point, points } = emitterOf(ec2Catalog);
