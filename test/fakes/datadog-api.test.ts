/**
 * The fake Datadog API (dashboards, monitors, metric metadata), spoken to through the real client
 * (@datadog/datadog-api-client v1), so tests of what sets them up can trust what it reports.
 */
import { client, v1 } from '@datadog/datadog-api-client';
import { startFakeDatadogApi, type FakeDatadogApi } from '../../src/fakes/datadog/api';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const WRONG_KEY = 'wrong-key-5f3c9a1b7e';

let api: FakeDatadogApi;
let now: number;

beforeEach(async () => {
  now = T0;
  api = await startFakeDatadogApi({ now: () => now, metrics: ['github.prs.open'] });
});

afterEach(async () => {
  await api.close();
});

function configuration(
  overrides: { apiKey?: string; appKey?: string; fetch?: typeof fetch; enableRetry?: boolean } = {},
): client.Configuration {
  return client.createConfiguration({
    authMethods: { apiKeyAuth: overrides.apiKey ?? api.apiKey, appKeyAuth: overrides.appKey ?? api.appKey },
    baseServer: new client.BaseServerConfiguration(api.url, {}),
    enableRetry: overrides.enableRetry ?? false,
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
  });
}

/** The client's ApiException of a call that must fail. */
async function rejection(promise: Promise<unknown>): Promise<client.ApiException<{ errors?: string[] }>> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(client.ApiException);
    return err as client.ApiException<{ errors?: string[] }>;
  }
  throw new Error('the call succeeded');
}

const dashboard = (title: string): v1.Dashboard => ({
  title,
  layoutType: 'ordered',
  description: 'Generated from the catalog',
  widgets: [
    { definition: { type: 'note', content: 'What this dashboard shows' } },
    {
      definition: {
        type: 'group',
        layoutType: 'ordered',
        widgets: [{ definition: { type: 'note', content: 'Inside a group' } }],
      },
    },
  ],
});

const monitor = (name: string, tags: string[], threshold = 5): v1.Monitor => ({
  name,
  type: 'query alert',
  query: `min(last_30m):sum:collector.github.error_count{env:prod} > ${threshold}`,
  message: 'Every cycle failed units.',
  tags,
  options: { thresholds: { critical: threshold }, includeTags: true, requireFullWindow: false },
});

describe('dashboards', () => {
  test('create, get, update, list and delete through the real client', async () => {
    const dashboards = new v1.DashboardsApi(configuration());
    const created = await dashboards.createDashboard({ body: dashboard('Collectors: GitHub (prod)') });
    const id = created.id!;
    expect(id).toMatch(/^[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}$/);
    expect(created.url).toBe(`/dashboard/${id}/collectors-github-prod`);
    expect(created.createdAt?.toISOString()).toBe(new Date(T0).toISOString());
    expect(created.authorHandle).toBe('collectors@example.com');
    expect(created.isReadOnly).toBe(false);
    // Every widget has an id, the group's too.
    expect(created.widgets.map((w) => typeof w.id)).toEqual(['number', 'number']);
    const group = created.widgets[1]!.definition as v1.GroupWidgetDefinition;
    expect(typeof group.widgets[0]!.id).toBe('number');

    const got = await dashboards.getDashboard({ dashboardId: id });
    expect(got.title).toBe('Collectors: GitHub (prod)');
    expect(got.widgets).toEqual(created.widgets);

    // PUT replaces: the description it leaves out is gone. What GET returned (read-only fields
    // included) goes back as it is.
    now = T0 + 60_000;
    const { description: _description, ...rest } = dashboard('Collectors: GitHub');
    const updated = await dashboards.updateDashboard({ dashboardId: id, body: rest });
    expect(updated.description).toBeNull();
    expect(updated.url).toBe(`/dashboard/${id}/collectors-github`);
    expect([updated.createdAt?.getTime(), updated.modifiedAt?.getTime()]).toEqual([T0, T0 + 60_000]);
    expect((await dashboards.updateDashboard({ dashboardId: id, body: got })).title).toBe(
      'Collectors: GitHub (prod)',
    );

    const listed = await dashboards.listDashboards();
    expect(listed.dashboards?.map((d) => [d.id, d.title, d.layoutType])).toEqual([
      [id, 'Collectors: GitHub (prod)', 'ordered'],
    ]);

    now = T0 + 120_000;
    expect(await dashboards.deleteDashboard({ dashboardId: id })).toEqual({ deletedDashboardId: id });
    const gone = await rejection(dashboards.getDashboard({ dashboardId: id }));
    expect([gone.code, gone.body.errors]).toEqual([404, [`Dashboard with ID ${id} not found`]]);
    expect((await rejection(dashboards.deleteDashboard({ dashboardId: id }))).code).toBe(404);

    // Datadog keeps a deleted dashboard: listed only under filter[deleted]; none is shared.
    expect((await dashboards.listDashboards()).dashboards).toEqual([]);
    const deleted = await dashboards.listDashboards({ filterDeleted: true });
    expect(deleted.dashboards?.map((d) => d.id)).toEqual([id]);
    expect((await dashboards.listDashboards({ filterShared: true })).dashboards).toEqual([]);
    expect(api.dashboards.get(id)?.deleted_at).toBe('2026-01-05T09:02:00.000000+00:00');
    expect(api.requests.at(-2)?.query).toEqual({ 'filter[deleted]': 'true' });
  });

  test('reachable through serverIndex 1 and the server variables', async () => {
    const config = client.createConfiguration({
      authMethods: { apiKeyAuth: api.apiKey, appKeyAuth: api.appKey },
      serverIndex: 1,
    });
    config.setServerVariables(api.serverVariables);
    const created = await new v1.DashboardsApi(config).createDashboard({ body: dashboard('Health') });
    expect(api.dashboards.get(created.id!)?.title).toBe('Health');
  });

  test('ids never repeat; list pages with start and count', async () => {
    const dashboards = new v1.DashboardsApi(configuration());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await dashboards.createDashboard({ body: dashboard(`d${i}`) })).id!);
    expect(new Set(ids).size).toBe(5);
    const page = await dashboards.listDashboards({ start: 1, count: 2 });
    expect(page.dashboards?.map((d) => d.id)).toEqual(ids.slice(1, 3));
  });

  test('tags are team tags only, and an invalid dashboard is a 400 with an errors list', async () => {
    const dashboards = new v1.DashboardsApi(configuration());
    const env = await rejection(
      dashboards.createDashboard({ body: { ...dashboard('x'), tags: ['env:prod'] } }),
    );
    expect([env.code, env.body.errors]).toEqual([400, ['Invalid tag format. Tag key must be `team`.']]);
    const team = await dashboards.createDashboard({ body: { ...dashboard('x'), tags: ['team:platform'] } });
    expect(team.tags).toEqual(['team:platform']);

    // The client refuses a body without the required fields; plain HTTP reaches the fake's check.
    const res = await fetch(`${api.url}/api/v1/dashboard`, {
      method: 'POST',
      headers: {
        'dd-api-key': api.apiKey,
        'dd-application-key': api.appKey,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: 'no layout', widgets: [] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [expect.stringContaining('layout_type')] });
    expect([...api.dashboards.keys()]).toEqual([team.id]);
  });
});

describe('monitors', () => {
  test('create, get, update (what the body names), list and delete through the real client', async () => {
    const monitors = new v1.MonitorsApi(configuration());
    const created = await monitors.createMonitor({
      body: monitor('[prod] github: repeated errors', ['managed-by:datadog-collectors']),
    });
    const id = created.id!;
    expect(created).toMatchObject({
      name: '[prod] github: repeated errors',
      type: 'query alert',
      multi: false,
      overallState: 'No Data',
      tags: ['managed-by:datadog-collectors'],
      creator: { handle: 'collectors@example.com' },
    });
    expect(created.created?.getTime()).toBe(T0);
    expect(created.options).toMatchObject({
      thresholds: { critical: 5 },
      requireFullWindow: false,
      notifyNoData: false, // a default Datadog fills in
    });
    expect(await monitors.getMonitor({ monitorId: id })).toEqual(created);

    now = T0 + 60_000;
    const updated = await monitors.updateMonitor({
      monitorId: id,
      body: { name: 'renamed', options: { thresholds: { critical: 5 }, renotifyInterval: 60 } },
    });
    // Fields it does not name stay; options are replaced whole.
    expect(updated).toMatchObject({ name: 'renamed', message: created.message, query: created.query });
    expect(updated.options?.renotifyInterval).toBe(60);
    expect(updated.options?.requireFullWindow).toBeUndefined();
    expect(updated.modified?.getTime()).toBe(T0 + 60_000);

    expect((await monitors.listMonitors()).map((m) => m.id)).toEqual([id]);
    expect(await monitors.deleteMonitor({ monitorId: id })).toEqual({ deletedMonitorId: id });
    const gone = await rejection(monitors.getMonitor({ monitorId: id }));
    expect([gone.code, gone.body.errors]).toEqual([404, ['Monitor not found']]);
    expect(api.monitors.size).toBe(0);
  });

  test('the list filters by monitor tags (every tag), by scope and name, and pages', async () => {
    const monitors = new v1.MonitorsApi(configuration());
    const tagsOf = [
      ['managed-by:datadog-collectors', 'deployment:prod', 'collector:github'],
      ['managed-by:datadog-collectors', 'deployment:staging', 'collector:github'],
      ['managed-by:datadog-collectors', 'deployment:prod', 'collector:asana'],
      ['team:other'],
      ['managed-by:datadog-collectors', 'deployment:prod', 'collector:wandb'],
    ];
    const ids: number[] = [];
    for (const [i, tags] of tagsOf.entries()) {
      ids.push((await monitors.createMonitor({ body: monitor(`m${i}`, tags) })).id!);
    }
    const idsOf = (list: v1.Monitor[]) => list.map((m) => m.id);

    const prod = await monitors.listMonitors({
      monitorTags: 'managed-by:datadog-collectors,deployment:prod',
    });
    expect(idsOf(prod)).toEqual([ids[0], ids[2], ids[4]]);
    expect(api.requests.at(-1)?.query).toEqual({
      monitor_tags: 'managed-by:datadog-collectors,deployment:prod',
    });
    expect(await monitors.listMonitors({ monitorTags: 'deployment:prod,deployment:staging' })).toEqual([]);
    expect(idsOf(await monitors.listMonitors({ tags: 'env:prod' }))).toEqual(ids);
    expect(await monitors.listMonitors({ tags: 'env:staging' })).toEqual([]);
    expect(idsOf(await monitors.listMonitors({ name: 'M3' }))).toEqual([ids[3]]);

    expect(idsOf(await monitors.listMonitors({ page: 0, pageSize: 2 }))).toEqual(ids.slice(0, 2));
    expect(idsOf(await monitors.listMonitors({ page: 2, pageSize: 2 }))).toEqual(ids.slice(4));
    expect(idsOf(await monitors.listMonitors({ idOffset: ids[2] }))).toEqual(ids.slice(3));

    const before = api.requests.length;
    const all: v1.Monitor[] = [];
    for await (const m of monitors.listMonitorsWithPagination({ pageSize: 2 })) all.push(m);
    expect(idsOf(all)).toEqual(ids);
    expect(api.requests.slice(before).map((r) => r.query.page)).toEqual(['0', '1', '2']);
  });

  test("Datadog's 400s: no comparison in a metric query, a threshold the query does not use, unknown group states", async () => {
    const monitors = new v1.MonitorsApi(configuration());
    const noOperator = await rejection(
      monitors.createMonitor({ body: { type: 'query alert', query: 'avg(last_5m):avg:x{*}' } }),
    );
    expect([noOperator.code, noOperator.body.errors]).toEqual([
      400,
      ["The value provided for parameter 'query' is invalid: invalid operator specified: "],
    ]);
    const mismatch = await rejection(
      monitors.createMonitor({ body: { ...monitor('m', []), options: { thresholds: { critical: 3 } } } }),
    );
    expect(mismatch.body.errors).toEqual([
      "The value provided for parameter 'query' is invalid: Alert threshold (3) does not match that used in the query (5).",
    ]);
    const states = await rejection(monitors.listMonitors({ groupStates: 'sometimes' }));
    expect([states.code, states.body.errors]).toEqual([400, ['Invalid group_state filters.']]);
    expect((await rejection(monitors.getMonitor({ monitorId: 12345 }))).code).toBe(404);
    expect(api.monitors.size).toBe(0);
  });
});

describe('metric metadata', () => {
  test('404 for a metric that does not exist; a known one round-trips, a PUT keeps what it does not name', async () => {
    const metrics = new v1.MetricsApi(configuration());
    const unknown = await rejection(metrics.getMetricMetadata({ metricName: 'github.nope' }));
    expect([unknown.code, unknown.body.errors]).toEqual([404, ['metric_name not found']]);
    const notUpdated = await rejection(
      metrics.updateMetricMetadata({ metricName: 'github.nope', body: { type: 'gauge' } }),
    );
    expect([notUpdated.code, notUpdated.body.errors]).toEqual([400, ['error updating metric metadata']]);

    const blank = await metrics.getMetricMetadata({ metricName: 'github.prs.open' });
    expect([blank.type, blank.unit, blank.description]).toEqual([null, null, null]);

    const body: v1.MetricMetadata = {
      type: 'gauge',
      unit: 'item',
      shortName: 'open PRs',
      description: 'Pull requests open at the end of the window.',
      statsdInterval: 10,
    };
    expect(await metrics.updateMetricMetadata({ metricName: 'github.prs.open', body })).toMatchObject(body);
    await metrics.updateMetricMetadata({ metricName: 'github.prs.open', body: { description: 'Open PRs.' } });
    expect(await metrics.getMetricMetadata({ metricName: 'github.prs.open' })).toMatchObject({
      ...body,
      description: 'Open PRs.',
    });
    expect(api.metricMetadata.get('github.prs.open')).toEqual({
      type: 'gauge',
      description: 'Open PRs.',
      short_name: 'open PRs',
      unit: 'item',
      per_unit: null,
      statsd_interval: 10,
      integration: null,
    });

    const badType = await rejection(
      metrics.updateMetricMetadata({ metricName: 'github.prs.open', body: { type: 'histogram' } }),
    );
    expect(badType.code).toBe(400);

    api.addMetrics(['asana.tasks.open']);
    expect((await metrics.getMetricMetadata({ metricName: 'asana.tasks.open' })).type).toBeNull();
  });
});

describe('keys, rate limits and injected failures', () => {
  test('both keys are required: a wrong API key or application key is 403 Forbidden, nothing stored', async () => {
    const wrongApp = new v1.MonitorsApi(configuration({ appKey: WRONG_KEY }));
    const app = await rejection(wrongApp.createMonitor({ body: monitor('m', []) }));
    expect([app.code, app.body.errors]).toEqual([403, ['Forbidden']]);
    const wrongApi = new v1.DashboardsApi(configuration({ apiKey: WRONG_KEY }));
    expect((await rejection(wrongApi.createDashboard({ body: dashboard('x') }))).code).toBe(403);
    const metadata = new v1.MetricsApi(configuration({ appKey: WRONG_KEY }));
    expect((await rejection(metadata.getMetricMetadata({ metricName: 'github.prs.open' }))).code).toBe(403);

    // No application key at all; /api/v1/validate checks the API key only.
    const bare = await fetch(`${api.url}/api/v1/monitor`, { headers: { 'dd-api-key': api.apiKey } });
    expect([bare.status, await bare.json()]).toEqual([403, { errors: ['Forbidden'] }]);
    const valid = await fetch(`${api.url}/api/v1/validate`, { headers: { 'dd-api-key': api.apiKey } });
    expect([valid.status, await valid.json()]).toEqual([200, { valid: true }]);

    expect([api.monitors.size, api.dashboards.size]).toEqual([0, 0]);
    expect(api.requests.map((r) => r.status)).toEqual([403, 403, 403, 403, 200]);
  });

  test('a 429 carries the rate-limit headers: the client hands them to its fetch and, retrying, waits the reset', async () => {
    const seen: Headers[] = [];
    const watching: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      seen.push(res.headers);
      return res;
    };
    api.rateLimit(1, { limit: 100, period: 10, reset: 7, name: 'get_all_monitors' });
    const monitors = new v1.MonitorsApi(configuration({ fetch: watching }));
    const limited = await rejection(monitors.listMonitors());
    expect([limited.code, limited.body.errors]).toEqual([429, ['Rate limit exceeded']]);
    const header = (name: string) => seen[0]!.get(name);
    expect(['limit', 'period', 'remaining', 'reset', 'name'].map((h) => header(`x-ratelimit-${h}`))).toEqual([
      '100',
      '10',
      '0',
      '7',
      'get_all_monitors',
    ]);
    expect(await monitors.listMonitors()).toEqual([]); // normal behaviour resumes

    // The client's own retry sleeps X-RateLimit-Reset seconds (0 here), then tries again.
    api.rateLimit(2, { reset: 0 });
    const retrying = new v1.MonitorsApi(configuration({ enableRetry: true }));
    expect(await retrying.listMonitors()).toEqual([]);
    expect(api.requests.slice(-3).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  test('writes fail after N successes (an interrupted apply) until resumeWrites; reads still answer', async () => {
    const monitors = new v1.MonitorsApi(configuration());
    api.failWritesAfter(2);
    const first = await monitors.createMonitor({ body: monitor('m1', []) });
    await monitors.updateMonitor({ monitorId: first.id!, body: { name: 'm1 renamed' } });
    expect((await rejection(monitors.createMonitor({ body: monitor('m2', []) }))).code).toBe(500);
    expect((await rejection(monitors.deleteMonitor({ monitorId: first.id! }))).code).toBe(500);
    expect((await monitors.listMonitors()).map((m) => m.name)).toEqual(['m1 renamed']);
    // A refused write does not count as a success.
    api.failWritesAfter(1);
    await rejection(monitors.createMonitor({ body: { type: 'query alert', query: 'no comparison' } }));
    await monitors.createMonitor({ body: monitor('m2', []) });
    expect((await rejection(monitors.createMonitor({ body: monitor('m3', []) }))).code).toBe(500);
    api.resumeWrites();
    await monitors.createMonitor({ body: monitor('m3', []) });
    expect([...api.monitors.values()].map((m) => m.name)).toEqual(['m1 renamed', 'm2', 'm3']);

    // applied: the write takes effect, the client sees only the failure.
    api.failWritesAfter(0, { status: 503, applied: true });
    const dashboards = new v1.DashboardsApi(configuration());
    expect((await rejection(dashboards.createDashboard({ body: dashboard('Lost answer') }))).code).toBe(503);
    expect([...api.dashboards.values()].map((d) => d.title)).toEqual(['Lost answer']);
  });

  test('respondWith forces the next answers; the log has every request with its query, body and status', async () => {
    const dashboards = new v1.DashboardsApi(configuration());
    api.respondWith([503]);
    const forced = await rejection(dashboards.createDashboard({ body: dashboard('x') }));
    expect(forced.code).toBe(503);
    await dashboards.createDashboard({ body: dashboard('x') });
    expect(api.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/api/v1/dashboard', 503],
      ['POST', '/api/v1/dashboard', 200],
    ]);
    expect(api.requests[1]!.body).toMatchObject({ title: 'x', layout_type: 'ordered' });

    api.respondWith(['hang']);
    await expect(
      fetch(`${api.url}/api/v1/dashboard`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(api.requests.at(-1)?.status).toBe(0);
  });
});
