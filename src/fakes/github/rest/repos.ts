/** Repository, owner listings and single commits. */
import { paginate } from './paging';
import { notFound, ok, type Route, type RouteRequest } from './route';
import { diffEntry, restCommit } from './commit-shape';
import { restRepo } from './shapes';

const repo: Route = {
  pattern: /^\/repos\/(?<owner>[^/]+)\/(?<name>[^/]+)$/,
  handle: ({ params, store, base }) => {
    const r = store.repo(params.owner!, params.name!);
    return r ? ok(restRepo(base, r, store)) : notFound();
  },
};

function ownerRepos(type: 'Organization' | 'User') {
  return ({ params, store, base, url }: RouteRequest) => {
    const repos = store.reposOf(params.owner!, type);
    if (!repos) return notFound();
    const sorted = [...repos].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(sorted, url);
    return ok(
      page.items.map((r) => restRepo(base, r, store)),
      page.link,
    );
  };
}

/** A commit with its file list paged: 300 files a page by default (GitHub's), at most 3,000. */
const commit: Route = {
  pattern: /^\/repos\/(?<owner>[^/]+)\/(?<name>[^/]+)\/commits\/(?<sha>[0-9a-f]{7,40})$/,
  handle: ({ params, store, base, url }) => {
    const r = store.repo(params.owner!, params.name!);
    const c = r?.commits?.find((x) => x.sha.startsWith(params.sha!));
    if (!r || !c) return notFound();
    const all = Array.from({ length: Math.min(c.files, 3000) }, (_, i) => diffEntry(c, i));
    const page = paginate(all, url, { defaultPerPage: 300, maxPerPage: 300 });
    return ok(restCommit(base, r, c, page.items), page.link);
  },
};

export const repoRoutes: Route[] = [
  repo,
  { pattern: /^\/orgs\/(?<owner>[^/]+)\/repos$/, handle: ownerRepos('Organization') },
  { pattern: /^\/users\/(?<owner>[^/]+)\/repos$/, handle: ownerRepos('User') },
  commit,
];
