/** Cursor paging of a W&B connection, and the project lookup every unit starts from. */
import { PermanentError } from '../../errors';
import type { Target } from '../types';
import type { WandbClient } from './client';
import type { Connection } from './queries';

export interface ProjectRef {
  readonly entity: string;
  readonly project: string;
}

/** A target's id is `entity/project`. */
export function projectOf(target: Target): ProjectRef {
  const slash = target.id.indexOf('/');
  return { entity: target.id.slice(0, slash), project: target.id.slice(slash + 1) };
}

export const pathOf = (ref: ProjectRef) => `${ref.entity}/${ref.project}`;

/**
 * `project` of an answer, which is null when the entity has no such project or the key's user cannot
 * see it: permanent for this unit (a retry asks the same question), never read as an empty project.
 */
export function requireProject<T>(project: T | null | undefined, ref: ProjectRef): T {
  if (project !== null && project !== undefined) return project;
  throw new PermanentError(
    `W&B project ${pathOf(ref)} does not exist or the API key's user cannot see it (project: null)`,
    'check the entity and project names under collectors.wandb.targets, or give the key’s user access to the project',
  );
}

export interface PagedQuery<Node> {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly perPage: number;
  readonly subject: string;
  /** The connection in an answer; throw for a missing parent (see requireProject). */
  connection(data: unknown): Connection<Node> | null | undefined;
}

/** Every node of a connection, one request per page of `perPage`, following `endCursor`. */
export async function readAll<Node>(client: WandbClient, paged: PagedQuery<Node>): Promise<Node[]> {
  const nodes: Node[] = [];
  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    const data = await client.query<unknown>({
      query: paged.query,
      variables: { ...paged.variables, cursor, perPage: paged.perPage },
      subject: page === 1 ? paged.subject : `${paged.subject}, page ${page}`,
    });
    const conn = paged.connection(data);
    if (!conn) return nodes;
    for (const edge of conn.edges) if (edge.node) nodes.push(edge.node);
    const next = conn.pageInfo.endCursor;
    if (!conn.pageInfo.hasNextPage || !next || next === cursor) return nodes;
    cursor = next;
  }
}
