/**
 * The cycle's targets: one per project, `entity/project`. Listed projects are taken as they are (an
 * unknown one fails only its own units); an entity without a project list is expanded into its
 * projects (`models(entityName:)`, 100 a page) that pass its include/exclude globs.
 */
import { PermanentError } from '../../errors';
import { selectByName } from '../../util/glob';
import type { PlanContext, Target } from '../types';
import type { WandbClient } from './client';
import { connect } from './connect';
import { readAll } from './paging';
import { PROJECTS_QUERY, type Connection } from './queries';
import type { EntityTarget, WandbSettings } from './settings';

export async function wandbTargets(ctx: PlanContext<WandbSettings>): Promise<Target[]> {
  const ids = new Set<string>();
  let client: WandbClient | undefined;
  for (const target of ctx.settings.targets) {
    if (target.projects) {
      for (const project of target.projects) ids.add(`${target.entity}/${project}`);
      continue;
    }
    client ??= await connect(ctx);
    const names = await entityProjects(client, target);
    const chosen = names.filter((name) => selectByName(name, target));
    if (!chosen.length) {
      ctx.log.warn('no W&B project of the entity passes its include/exclude globs', {
        entity: target.entity,
        projects: names.length,
      });
    }
    for (const name of chosen) ids.add(`${target.entity}/${name}`);
  }
  return [...ids].sort().map(targetOf);
}

export function targetOf(id: string): Target {
  const slash = id.indexOf('/');
  return { id, tags: { entity: id.slice(0, slash), project: id.slice(slash + 1) } };
}

async function entityProjects(client: WandbClient, target: EntityTarget): Promise<string[]> {
  const nodes = await readAll<{ name: string }>(client, {
    query: PROJECTS_QUERY,
    variables: { entity: target.entity },
    perPage: 100,
    subject: `the projects of entity ${target.entity}`,
    connection: (data) => {
      const models = (data as { models?: Connection<{ name: string }> | null }).models;
      if (models) return models;
      throw new PermanentError(
        `W&B entity ${target.entity} does not exist or the API key's user cannot see its projects`,
        'check the entity under collectors.wandb.targets, or give the key’s user access to it',
      );
    },
  });
  return nodes.map((n) => n.name);
}
