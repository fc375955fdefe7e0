/**
 * A loopback fake of Asana's REST API 1.0 on 127.0.0.1 and a free port, as Asana documents it:
 * Bearer auth (401 otherwise), `{ data }` and `{ data, next_page }` envelopes, `limit` 1–100 with
 * opaque `offset` tokens (`next_page` only when `limit` is sent), `opt_fields` honoured (a field not
 * asked for is not sent; an unknown one is refused), `completed_since` evaluated for real, the 400
 * of `GET /tasks` without exactly one of its filters, 402 on premium routes of a free workspace, 429
 * with Retry-After, errors as `{ errors: [{ message, help }] }`. Every request is logged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeDataset, FakeTask } from './dataset';
import {
  HELP,
  HttpError,
  archived,
  decodeOffset,
  encodeOffset,
  isoOf,
  optFields,
  pageKey,
  send,
} from './protocol';
import { OptFieldError, indexDataset, render, type Resource } from './render';

export interface FakeAsanaOptions {
  readonly dataset: FakeDataset;
  /** The token the fake accepts (`Authorization: Bearer <token>`). */
  readonly token: string;
  /** Delay before each answer. */
  readonly latencyMs?: number;
}

export interface LoggedRequest {
  readonly status: number;
  /** The path without the API prefix, e.g. `/projects/123/tasks`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** When it arrived (epoch ms, the real clock). */
  readonly at: number;
}

export interface RateLimit {
  /** Requests answered before the 429s start. */
  readonly remaining: number;
  /** `Retry-After` of the 429s, in seconds. */
  readonly retryAfterSeconds: number;
}

export interface FakeAsana {
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** From now on, `remaining` requests are answered, then 429s; null lifts the limit. */
  setRateLimit(limit: RateLimit | null): void;
  /** From now on every request gets `status` (a 5xx), as in an outage; null: back to normal. */
  setServerError(status: number | null): void;
  close(): Promise<void>;
}

const MAX_UNPAGED = 1000;

export async function startFakeAsana(options: FakeAsanaOptions): Promise<FakeAsana> {
  const { dataset } = options;
  const requests: LoggedRequest[] = [];
  let limit: { remaining: number; retryAfterSeconds: number } | null = null;
  let serverError: number | null = null;
  let url = '';

  const index = indexDataset(dataset);
  const project = (gid: string) => index.projects.get(gid);
  const task = (gid: string) => index.tasks.get(gid);
  const workspaceOf = (t: FakeTask) => project(t.projects[0] ?? '')?.workspace;
  const premium = (workspace: string | undefined) => index.workspaces.get(workspace ?? '')?.premium ?? true;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, { errors: [{ message: 'Server Error', phrase: String(err), help: HELP }] }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const path = parsed.pathname.replace(/\/+$/, '');
    const query = Object.fromEntries(parsed.searchParams);
    const log = (status: number) => requests.push({ status, path, query, at: Date.now() });
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      log(401);
      return send(res, 401, { errors: [{ message: 'Not Authorized', help: HELP }] });
    }
    if (serverError !== null) {
      log(serverError);
      return send(res, serverError, {
        errors: [{ message: 'Service Unavailable', phrase: 'six sad squid snuggle softly', help: HELP }],
      });
    }
    if (limit && limit.remaining <= 0) {
      log(429);
      return send(
        res,
        429,
        {
          errors: [
            {
              message:
                "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
              help: HELP,
            },
          ],
        },
        { 'retry-after': String(limit.retryAfterSeconds) },
      );
    }
    if (limit) limit.remaining--;
    try {
      if (req.method !== 'GET') throw new HttpError(404, 'No matching route for request');
      const body = route(path, query);
      log(200);
      send(res, 200, body);
    } catch (err) {
      if (err instanceof OptFieldError) {
        log(400);
        return send(res, 400, { errors: [{ message: err.message, help: HELP }] });
      }
      if (!(err instanceof HttpError)) throw err;
      log(err.status);
      send(res, err.status, { errors: [{ message: err.message, help: HELP }] });
    }
  }

  function route(path: string, q: Record<string, string>): unknown {
    const fields = optFields(q);
    let m: RegExpExecArray | null;
    if (path === '/users/me') {
      const me = dataset.users.find((u) => u.gid === dataset.me)!;
      return one('user', { ...me, workspaces: dataset.workspaces }, fields);
    }
    if ((m = /^\/workspaces\/([^/]+)$/.exec(path))) {
      const w = dataset.workspaces.find((x) => x.gid === m![1]);
      if (!w) throw new HttpError(404, 'workspace: Not a recognized ID: ' + m[1]);
      return one('workspace', w, fields);
    }
    if ((m = /^\/workspaces\/([^/]+)\/tasks\/search$/.exec(path))) {
      if (!index.workspaces.has(m[1]!)) throw new HttpError(404, 'workspace: Not a recognized ID: ' + m[1]);
      if (!premium(m[1])) throw new HttpError(402, 'Search is only available to premium users.');
      return { data: search(m[1]!, q).map((t) => render('task', t, index, fields)) };
    }
    if (path === '/projects') {
      const { workspace, team } = q;
      if (!workspace && !team) throw new HttpError(400, 'workspace: Missing input');
      const list = dataset.projects.filter(
        (p) => (!workspace || p.workspace === workspace) && (!team || p.team === team) && archived(p, q),
      );
      return many('project', list, fields, q, path);
    }
    if ((m = /^\/teams\/([^/]+)\/projects$/.exec(path))) {
      if (!dataset.teams.some((t) => t.gid === m![1]))
        throw new HttpError(404, 'team: Not a recognized ID: ' + m[1]);
      const list = dataset.projects.filter((p) => p.team === m![1] && archived(p, q));
      return many('project', list, fields, q, path);
    }
    if ((m = /^\/projects\/([^/]+)$/.exec(path))) {
      const p = project(m[1]!);
      if (!p) throw new HttpError(404, 'project: Not a recognized ID: ' + m[1]);
      return one('project', p, fields);
    }
    if ((m = /^\/projects\/([^/]+)\/tasks$/.exec(path))) {
      if (!project(m[1]!)) throw new HttpError(404, 'project: Not a recognized ID: ' + m[1]);
      return many('task', projectTasks(m[1]!, q), fields, q, path);
    }
    if (path === '/tasks') {
      const given = ['project', 'tag', 'section', 'user_task_list'].filter((k) => q[k] !== undefined);
      const byAssignee = q.assignee !== undefined || q.workspace !== undefined;
      const ok = given.length + (byAssignee ? 1 : 0) === 1 && (!byAssignee || (q.assignee && q.workspace));
      if (!ok)
        throw new HttpError(
          400,
          'Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
        );
      if (!q.project) throw new HttpError(400, 'The fake lists tasks by project only');
      if (!project(q.project)) throw new HttpError(404, 'project: Not a recognized ID: ' + q.project);
      return many('task', projectTasks(q.project, q), fields, q, path);
    }
    if ((m = /^\/tasks\/([^/]+)(\/dependencies|\/dependents)?$/.exec(path))) {
      const t = task(m[1]!);
      if (!t) throw new HttpError(404, 'task: Not a recognized ID: ' + m[1]);
      if (!m[2]) return one('task', t, fields);
      if (!premium(workspaceOf(t))) {
        throw new HttpError(402, 'Task dependencies are only available to premium users.');
      }
      const related =
        m[2] === '/dependencies'
          ? t.dependencies.map((g) => task(g)).filter((x): x is FakeTask => !!x)
          : (index.dependents.get(t.gid) ?? []).map((g) => task(g)!);
      return many('task', related, fields, q, path);
    }
    if (path === '/status_updates') {
      if (!q.parent) throw new HttpError(400, 'parent: Missing input');
      if (!project(q.parent)) throw new HttpError(404, 'parent: Not a recognized ID: ' + q.parent);
      // Newest first, as Asana shows a project's updates.
      const list = dataset.statusUpdates
        .filter(
          (s) =>
            s.parent === q.parent &&
            (!q.created_since || s.created_at >= isoOf(q.created_since, 'created_since')),
        )
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      return many('status_update', list, fields, q, path);
    }
    throw new HttpError(404, 'No matching route for request');
  }

  function projectTasks(gid: string, q: Record<string, string>): readonly FakeTask[] {
    const since = q.completed_since;
    const list = index.projectTasks.get(gid) ?? [];
    if (since === undefined) return list;
    if (since === 'now') return list.filter((t) => !t.completed);
    const from = isoOf(since, 'completed_since');
    return list.filter((t) => !t.completed || (t.completed_at !== null && t.completed_at >= from));
  }

  /**
   * Task search: `projects.any`, `is_blocked` (an incomplete dependency), `completed`,
   * `created_at.after`, `sort_by=created_at` with `sort_ascending`, `limit` ≤ 100 and no paging.
   */
  function search(workspace: string, q: Record<string, string>): FakeTask[] {
    const size = q.limit === undefined ? 20 : Number(q.limit);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw new HttpError(400, 'limit: Must be an integer between 1 and 100');
    }
    const projects = q['projects.any']?.split(',');
    const after =
      q['created_at.after'] === undefined ? undefined : isoOf(q['created_at.after'], 'created_at.after');
    const incomplete = (gid: string) => task(gid)?.completed === false;
    let list = [...index.tasks.values()].filter(
      (t) =>
        workspaceOf(t) === workspace &&
        (!projects || t.projects.some((p) => projects.includes(p))) &&
        (q.is_blocked === undefined || t.dependencies.some(incomplete) === (q.is_blocked === 'true')) &&
        (q.completed === undefined || t.completed === (q.completed === 'true')) &&
        (!after || t.created_at > after),
    );
    if (q.sort_by === 'created_at') {
      list = list.sort((a, b) => a.created_at.localeCompare(b.created_at));
      if (q.sort_ascending !== 'true') list.reverse();
    }
    return list.slice(0, size);
  }

  function one(kind: Resource, item: unknown, fields: string[] | undefined) {
    return { data: render(kind, item, index, fields) };
  }

  function many(
    kind: Resource,
    items: readonly unknown[],
    fields: string[] | undefined,
    q: Record<string, string>,
    path: string,
  ) {
    if (q.limit === undefined) {
      if (items.length > MAX_UNPAGED) {
        throw new HttpError(
          400,
          'The result is too large. You should use pagination (may require specifying a workspace)!',
        );
      }
      return { data: items.map((i) => render(kind, i, index, fields)) };
    }
    const size = Number(q.limit);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw new HttpError(400, 'limit: Must be an integer between 1 and 100');
    }
    const key = pageKey(path, q);
    let start = 0;
    if (q.offset !== undefined) {
      const decoded = decodeOffset(q.offset);
      if (!decoded || decoded.key !== key)
        throw new HttpError(400, 'offset: Your pagination token is invalid or has expired');
      start = decoded.index;
    }
    const page = items.slice(start, start + size);
    const end = start + page.length;
    let next_page: { offset: string; path: string; uri: string } | null = null;
    if (end < items.length) {
      const offset = encodeOffset(key, end);
      const params = new URLSearchParams({ ...q, offset });
      next_page = { offset, path: `${path}?${params.toString()}`, uri: `${url}${path}?${params.toString()}` };
    }
    return { data: page.map((i) => render(kind, i, index, fields)), next_page };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    setRateLimit: (next) => {
      limit = next ? { ...next } : null;
    },
    setServerError: (status) => {
      serverError = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
