/**
 * GitHub's REST paging: `per_page` (default 30, at most 100 — larger values are treated as 100),
 * `page` from 1, and a `Link` header with next/last/first/prev relations built from the request URL.
 */
export interface Paged<T> {
  readonly items: T[];
  readonly link?: string;
}

export function paginate<T>(
  items: readonly T[],
  url: URL,
  options: { total?: number; defaultPerPage?: number; maxPerPage?: number } = {},
): Paged<T> {
  const max = options.maxPerPage ?? 100;
  const perPage = Math.min(max, Math.max(1, intParam(url, 'per_page') ?? options.defaultPerPage ?? 30));
  const page = Math.max(1, intParam(url, 'page') ?? 1);
  // The Link relations follow the reported total, which may exceed what can be read (the run cap).
  const total = options.total ?? items.length;
  const last = Math.max(1, Math.ceil(total / perPage));
  const at = (n: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>`;
  };
  const rels: string[] = [];
  if (page < last) rels.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) rels.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`);
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    ...(rels.length ? { link: rels.join(', ') } : {}),
  };
}

function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) ? n : undefined;
}
