/**
 * The cycle's targets: configured repos, plus every non-archived repo of the configured orgs that
 * passes their include/exclude globs. Ids are `owner/name` lower-cased (GitHub names are
 * case-insensitive), so a repo listed twice, or both directly and through its org, is one target.
 */
import type { PlanContext, Target } from '../types';
import { createGithubClient, type GithubClient } from './client/create';
import { toCollectorError } from './client/errors';
import { pages } from './client/rest';
import { selectByName } from '../../util/glob';
import type { GithubOrgTarget, GithubSettings } from './settings';
import { readFingerprints, type RepoFingerprint } from './changes/fingerprints';
import { parseRepo } from './repo';

interface ListedRepo {
  readonly fullName: string;
  readonly name: string;
  readonly archived: boolean;
}

export async function githubTargets(ctx: PlanContext<GithubSettings>): Promise<Target[]> {
  const { repos = [], orgs = [] } = ctx.settings.targets;
  const ids = new Set(repos.map((r) => r.toLowerCase()));
  const detect = ctx.settings.options.changeDetection && !ctx.backfill;
  if (!orgs.length && !detect) return [...ids].sort().map((id) => targetOf(id));
  const client = await createGithubClient(ctx);
  for (const org of orgs) {
    for (const repo of await orgRepos(client, org)) ids.add(repo.toLowerCase());
  }
  const sorted = [...ids].sort();
  const fingerprints = detect ? await fingerprintsOrNone(client, sorted, ctx) : undefined;
  ctx.log.info('github targets', {
    repos: sorted.length,
    fingerprinted: fingerprints?.size ?? 0,
    requests: client.usage.requests,
  });
  return sorted.map((id) => targetOf(id, fingerprints?.get(id)));
}

/**
 * The repos' fingerprints (changes/fingerprints.ts); none when they cannot be read: the units then
 * read their repos, as without change detection.
 */
async function fingerprintsOrNone(
  client: GithubClient,
  ids: readonly string[],
  ctx: PlanContext<GithubSettings>,
): Promise<Map<string, RepoFingerprint | undefined> | undefined> {
  try {
    return await readFingerprints(client, ids.map(parseRepo));
  } catch (err) {
    ctx.log.warn('github: what changed could not be read; every unit reads its repo this cycle', {
      error: String(toCollectorError(err, `${ids.length} repositories`)),
    });
    return undefined;
  }
}

export function targetOf(id: string, fingerprint?: RepoFingerprint): Target {
  return {
    id,
    tags: { repo: id, org: id.split('/')[0]! },
    ...(fingerprint ? { observed: { fingerprint } } : {}),
  };
}

async function orgRepos(client: GithubClient, org: GithubOrgTarget): Promise<string[]> {
  const listed: ListedRepo[] = [];
  try {
    for await (const page of pages(client, `/orgs/${org.name}/repos?type=all&per_page=100`, projectRepos)) {
      listed.push(...page.value);
    }
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw toCollectorError(err, `organization ${org.name}`);
    // Not an organization: the owner may be a user account.
    try {
      for await (const page of pages(
        client,
        `/users/${org.name}/repos?type=owner&per_page=100`,
        projectRepos,
      )) {
        listed.push(...page.value);
      }
    } catch (userErr) {
      throw toCollectorError(userErr, `organization or user ${org.name}`);
    }
  }
  return listed.filter((r) => !r.archived && selectByName(r.name, org)).map((r) => r.fullName);
}

function projectRepos(data: unknown): ListedRepo[] {
  return (data as { full_name: string; name: string; archived?: boolean }[]).map((r) => ({
    fullName: r.full_name,
    name: r.name,
    archived: r.archived ?? false,
  }));
}
