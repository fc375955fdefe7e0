/** GitHub points, built only from names and tag keys the GitHub catalog declares. */
import { emitterOf, type PointOf } from '../../catalog/emitter';
import { githubCatalog } from './catalog';

export type GithubPoint = PointOf<typeof githubCatalog>;

export const { point, points } = emitterOf(githubCatalog);
