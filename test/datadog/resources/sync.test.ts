/**
 * plan and apply against the fake Datadog API, through the real client: two deployments sharing one
 * organisation, objects nobody generated, an apply interrupted half-way, rate limits, a bad key.
 *
 * The deployments run Asana alone (schedule 6h). What they generate, by hand:
 * - dashboards: Asana's and the health dashboard = 2;
 * - monitors: the 5 health monitors (no-data, repeated-errors, unit-failing, points-dropped,
 *   invalid-points) + Asana's own overdue-tasks = 6;
 * - metadata: Asana's catalog metrics + its 7 health metrics (duration_seconds, error_count,
 *   metric_count, invalid_points, points_dropped, group.success, group.skipped).
 */
import { client, v1 } from '@datadog/datadog-api-client';
import { asanaCollector } from '../../../src/collectors/asana';
import type { Collector } from '../../../src/collectors/types';
import { startFakeDatadogApi, type FakeDatadogApi } from '../../../src/fakes/datadog/api';
import { createResourceApi, rateLimitWaitMs, type ResourceApi } from '../../../src/datadog/resources/api';
import { applyPlan } from '../../../src/datadog/resources/apply';
import { desiredResources, type DesiredResources } from '../../../src/datadog/resources/desired';
import { monitorOptions } from '../../../src/datadog/resources/monitors';
import type { ResourceOptions } from '../../../src/datadog/resources/options';
import { formatPlan } from '../../../src/datadog/resources/plan-text';
import { planResources, summarize, type Plan } from '../../../src/datadog/resources/plan';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const asana = asanaCollector as Collector<unknown>;
const ASANA_METADATA = asana.catalog.metrics.length + 7;

let api: FakeDatadogApi;
let waits: number[];
let now: number;

beforeEach(async () => {
  now = T0;
  api = await startFakeDatadogApi({ now: () => now });
  waits = [];
});
afterEach(() => api.close());

function options(deployment: string, overrides: Partial<ResourceOptions> = {}): ResourceOptions {
  return {
    deployment,
    env: deployment,
    collectors: [{ collector: asana, schedule: '6h' }],
    dashboards: true,
    monitors: true,
    metadata: true,
    monitorOptions: monitorOptions({ deployment, env: deployment }),
    disabledMonitors: [],
    ...overrides,
  };
}

function resourceApi(keys: { apiKey?: string; appKey?: string } = {}): ResourceApi {
  return createResourceApi({
    url: api.url,
    site: 'datadoghq.com',
    apiKey: keys.apiKey ?? api.apiKey,
    appKey: keys.appKey ?? api.appKey,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
}

async function plan(o: ResourceOptions, prune = false, desired?: DesiredResources): Promise<Plan> {
  return planResources(resourceApi(), desired ?? desiredResources(o), { ...o, prune });
}

async function sync(o: ResourceOptions, prune = false): Promise<{ plan: Plan; lines: string[] }> {
  const p = await plan(o, prune);
  const lines: string[] = [];
  const result = await applyPlan(resourceApi(), p, (l) => lines.push(l));
  expect(result.failed).toEqual([]);
  return { plan: p, lines };
}

const writes = () => api.requests.filter((r) => r.method !== 'GET');
const monitorsOf = (deployment: string) =>
  [...api.monitors.values()].filter((m) => m.tags.includes(`deployment:${deployment}`));
const dashboardsOf = (deployment: string) =>
  [...api.dashboards.values()].filter(
    (d) => d.deleted_at === undefined && String(d.description).includes(`deployment:${deployment} `),
  );

test('a first apply creates everything; a second finds nothing to do; metadata waits for its metric', async () => {
  const prod = options('prod');
  const first = await sync(prod);
  expect(summarize(first.plan)).toEqual({
    create: 8, // 2 dashboards + 6 monitors
    update: 0,
    unchanged: 0,
    delete: 0,
    stale: 0,
    waits: ASANA_METADATA, // no point of any metric has reached Datadog yet
  });
  expect(first.lines[0]).toMatch(/^dashboard asana "\[prod\] Collector: asana": created \([a-z0-9-]{11}\)$/);
  expect(first.lines).toContain('monitor asana.no-data "[prod] asana: no data for 12h": created (48000001)');
  expect(monitorsOf('prod').map((m) => m.tags.find((t) => t.startsWith('monitor:')))).toEqual([
    'monitor:asana.no-data',
    'monitor:asana.repeated-errors',
    'monitor:asana.unit-failing',
    'monitor:asana.points-dropped',
    'monitor:asana.invalid-points',
    'monitor:asana.overdue-tasks',
  ]);

  const before = writes().length;
  const second = await sync(prod);
  expect(summarize(second.plan)).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 8 });
  expect(second.lines).toEqual([]);
  expect(writes().length).toBe(before);
  expect(formatPlan(second.plan)).toBe(
    `Plan for deployment prod: 0 to create, 0 to update, 0 to delete, 8 unchanged; metadata of ${ASANA_METADATA} metric(s) waits for data (set by the first apply after their first points).`,
  );

  // The metrics' first points arrive: their metadata is set, then left alone.
  const metrics = desiredResources(prod).metadata.map((m) => m.metric);
  api.addMetrics(metrics);
  expect(summarize((await sync(prod)).plan)).toMatchObject({ update: ASANA_METADATA, waits: 0 });
  expect(api.metricMetadata.get('collector.asana.error_count')).toMatchObject({
    type: 'gauge',
    unit: 'item',
    short_name: 'error count',
  });
  expect(summarize(await plan(prod))).toMatchObject({ unchanged: 8 + ASANA_METADATA, update: 0 });
});

test('a change made in Datadog shows as a readable diff, and apply puts it back', async () => {
  const prod = options('prod');
  await sync(prod);
  const overdue = monitorsOf('prod').find((m) => m.tags.includes('monitor:asana.overdue-tasks'))!;
  const monitors = new v1.MonitorsApi(
    client.createConfiguration({
      authMethods: { apiKeyAuth: api.apiKey, appKeyAuth: api.appKey },
      baseServer: new client.BaseServerConfiguration(api.url, {}),
    }),
  );
  // By hand: the threshold 10 raised to 25 (in the query and the options), a priority set.
  await monitors.updateMonitor({
    monitorId: overdue.id,
    body: {
      query: overdue.query.replace(/> 10$/, '> 25'),
      options: { thresholds: { critical: 25 }, includeTags: true, requireFullWindow: false },
      priority: 2,
    },
  });
  const p = await plan(prod);
  expect(formatPlan(p).split('\n')).toEqual([
    `~ monitor asana.overdue-tasks "[prod] asana: Asana overdue tasks" (${overdue.id}): ` +
      'options.thresholds.critical: 25 → 10; ' +
      'query: "max(last_6h):sum:asana.tasks.overdue{env:prod} by {workspace,project} > 25" → ' +
      '"max(last_6h):sum:asana.tasks.overdue{env:prod} by {workspace,project} > 10"; ' +
      'priority: 2 → (unset)',
    `Plan for deployment prod: 0 to create, 1 to update, 0 to delete, 7 unchanged; metadata of ${ASANA_METADATA} metric(s) waits for data (set by the first apply after their first points).`,
  ]);
  await applyPlan(resourceApi(), p, () => {});
  expect(api.monitors.get(overdue.id)).toMatchObject({ query: overdue.query, priority: null });
  expect(summarize(await plan(prod))).toMatchObject({ update: 0, unchanged: 8 });
});

test('two deployments share one organisation: each prunes only its own; unowned objects are never touched', async () => {
  // Objects nobody generated: a monitor with tags of its own, a dashboard without the marker, and a
  // monitor that claims the tags but of a deployment that does not exist.
  const config = client.createConfiguration({
    authMethods: { apiKeyAuth: api.apiKey, appKeyAuth: api.appKey },
    baseServer: new client.BaseServerConfiguration(api.url, {}),
  });
  const mine = await new v1.MonitorsApi(config).createMonitor({
    body: {
      name: 'hand-made',
      type: 'query alert',
      query: 'avg(last_5m):avg:asana.tasks.open{env:prod} > 100',
      message: 'mine',
      tags: ['team:ops', 'managed-by:datadog-collectors'],
    },
  });
  const board = await new v1.DashboardsApi(config).createDashboard({
    body: {
      title: '[prod] Collector: asana',
      description: 'managed-by:someone-else',
      layoutType: 'ordered',
      widgets: [],
    },
  });
  const unowned = JSON.stringify([api.monitors.get(mine.id!), api.dashboards.get(board.id!)]);

  await sync(options('prod'));
  await sync(options('staging'));
  expect([monitorsOf('prod').length, monitorsOf('staging').length]).toEqual([6, 6]);
  expect([dashboardsOf('prod').length, dashboardsOf('staging').length]).toEqual([2, 2]);

  // prod no longer wants its overdue-tasks monitor.
  const smaller = options('prod', { disabledMonitors: ['asana.overdue-tasks'] });
  const stale = await plan(smaller);
  expect(summarize(stale)).toMatchObject({ stale: 1, delete: 0, unchanged: 7 });
  expect(formatPlan(stale).split('\n')[0]).toMatch(
    /^! monitor asana\.overdue-tasks "\[prod\] asana: Asana overdue tasks" \(\d+\): no longer generated; --prune deletes it$/,
  );
  const pruned = await sync(smaller, true);
  expect(pruned.lines).toEqual([
    expect.stringMatching(
      /^monitor asana\.overdue-tasks "\[prod\] asana: Asana overdue tasks": deleted \(\d+\): no longer generated$/,
    ),
  ]);
  expect(monitorsOf('prod').length).toBe(5);
  expect(monitorsOf('staging').length).toBe(6);
  expect(dashboardsOf('staging').length).toBe(2);
  expect(JSON.stringify([api.monitors.get(mine.id!), api.dashboards.get(board.id!)])).toBe(unowned);
  expect(summarize(await plan(options('staging'), true))).toMatchObject({ unchanged: 8, delete: 0 });
});

test('an apply interrupted half-way leaves nothing unowned; the next one converges without duplicates', async () => {
  const prod = options('prod');
  // 3 writes succeed; the 4th's answer is lost though Datadog made it; the apply stops there.
  api.failWritesAfter(3, { status: 503, applied: true });
  const lines: string[] = [];
  const result = await applyPlan(resourceApi(), await plan(prod), (l) => lines.push(l));
  expect([result.done.length, result.failed.length, result.skipped.length]).toEqual([3, 1, 4]);
  expect(lines.at(-1)).toBe('stopped: 4 write(s) not tried; run apply again');
  // 2 dashboards and 2 monitors exist, all of them carrying their markers.
  expect([api.dashboards.size, api.monitors.size]).toEqual([2, 2]);
  for (const m of api.monitors.values()) {
    expect(m.tags).toEqual(expect.arrayContaining(['managed-by:datadog-collectors', 'deployment:prod']));
  }
  for (const d of api.dashboards.values()) {
    expect(d.description).toMatch(
      /^managed-by:datadog-collectors deployment:prod dashboard:(asana|health)\n/,
    );
  }

  api.resumeWrites();
  const rerun = await sync(prod);
  // The 4 that exist are found and left; the 4 missing monitors are created.
  expect(summarize(rerun.plan)).toMatchObject({ create: 4, unchanged: 4, delete: 0 });
  const keys = [...api.monitors.values()].map((m) => m.tags.find((t) => t.startsWith('monitor:')));
  expect(keys.length).toBe(6);
  expect(new Set(keys).size).toBe(6);
  expect(dashboardsOf('prod').length).toBe(2);
  expect(summarize(await plan(prod))).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 8 });
});

test('two monitors or dashboards with one key (two applies at once): the later one is deleted', async () => {
  const prod = options('prod');
  await sync(prod);
  const first = monitorsOf('prod').find((m) => m.tags.includes('monitor:asana.no-data'))!;
  const config = client.createConfiguration({
    authMethods: { apiKeyAuth: api.apiKey, appKeyAuth: api.appKey },
    baseServer: new client.BaseServerConfiguration(api.url, {}),
  });
  const twin = await new v1.MonitorsApi(config).createMonitor({
    body: desiredResources(prod).monitors[0]!.body,
  });
  now = T0 + 60_000;
  const keptBoard = dashboardsOf('prod').find((d) => d.title === '[prod] Collector: asana')!;
  const twinBoard = await new v1.DashboardsApi(config).createDashboard({
    body: desiredResources(prod).dashboards[0]!.body,
  });
  const p = await plan(prod);
  expect(p.items.filter((i) => i.action === 'delete')).toEqual([
    expect.objectContaining({
      id: twinBoard.id,
      reason: `a second dashboard with the key asana (kept: ${keptBoard.id})`,
    }),
    expect.objectContaining({
      id: twin.id,
      reason: `a second monitor with the key asana.no-data (kept: ${first.id})`,
    }),
  ]);
  await applyPlan(resourceApi(), p, () => {});
  expect(dashboardsOf('prod').map((d) => d.id)).not.toContain(twinBoard.id);
  expect(dashboardsOf('prod').length).toBe(2);
  expect(monitorsOf('prod').length).toBe(6);
});

test('a 429 is waited out for X-RateLimit-Reset seconds and the apply completes', async () => {
  // The list of dashboards (the plan's first request) is refused twice, reset in 7 s.
  api.rateLimit(2, { reset: 7, name: 'dashboards_list' });
  const said: string[] = [];
  const p = await planResources(
    createResourceApi({
      url: api.url,
      site: 'datadoghq.com',
      apiKey: api.apiKey,
      appKey: api.appKey,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      onRateLimit: (ms, name) => said.push(`${name}: ${ms}`),
    }),
    desiredResources(options('prod')),
    { ...options('prod'), prune: false },
  );
  expect(waits).toEqual([7000, 7000]);
  expect(said).toEqual(['dashboards_list: 7000', 'dashboards_list: 7000']);
  expect(api.requests.slice(0, 3).map((r) => r.status)).toEqual([429, 429, 200]);
  // A write limited in the middle of the apply.
  api.rateLimit(1, { reset: 2 });
  const result = await applyPlan(resourceApi(), p, () => {});
  expect([result.done.length, result.failed.length]).toEqual([8, 0]);
  expect(waits).toEqual([7000, 7000, 2000]);
});

test('Retry-After wins over X-RateLimit-Reset, in seconds or as a date', () => {
  const now = () => Date.UTC(2026, 0, 5, 9, 0, 0);
  expect(rateLimitWaitMs(new Headers({ 'retry-after': '3', 'x-ratelimit-reset': '9' }), now)).toBe(3000);
  // 09:00:12 is 12 s after now.
  expect(rateLimitWaitMs(new Headers({ 'retry-after': 'Mon, 05 Jan 2026 09:00:12 GMT' }), now)).toBe(12_000);
  expect(rateLimitWaitMs(new Headers({ 'x-ratelimit-reset': '9' }), now)).toBe(9000);
  expect(rateLimitWaitMs(new Headers(), now)).toBe(1000);
});

test('a wrong application key or API key: an error naming the variable and the secret to set', async () => {
  const wrongApp = planResources(
    resourceApi({ appKey: 'wrong-app-key-1234' }),
    desiredResources(options('prod')),
    { ...options('prod'), prune: false },
  );
  await expect(wrongApp).rejects.toThrow(
    `Datadog application key rejected by ${api.url} (HTTP 403 to list dashboards): set DD_APP_KEY (or the secret datadog/app-key)`,
  );
  const wrongApi = resourceApi({ apiKey: 'wrong-api-key-1234' }).checkAppKey();
  await expect(wrongApi).rejects.toThrow(
    `Datadog API key rejected by ${api.url} (HTTP 403): set DD_API_KEY (or the secret datadog/api-key)`,
  );
  expect([api.monitors.size, api.dashboards.size]).toEqual([0, 0]);
});

test('a dashboard list without descriptions: each dashboard is read to know whose it is', async () => {
  const prod = options('prod');
  await sync(prod);
  // A list whose summaries lack the description field.
  const stripping: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/api/v1/dashboard?')) return res;
    const body = (await res.json()) as { dashboards: Record<string, unknown>[] };
    const dashboards = body.dashboards.map(({ description: _d, ...rest }) => rest);
    return new Response(JSON.stringify({ dashboards }), {
      status: res.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const reading = createResourceApi({
    url: api.url,
    site: 'datadoghq.com',
    apiKey: api.apiKey,
    appKey: api.appKey,
    fetch: stripping,
  });
  const before = api.requests.length;
  const p = await planResources(reading, desiredResources(prod), { ...prod, prune: false });
  expect(summarize(p)).toMatchObject({ unchanged: 8, create: 0 });
  // The list, then one GET per dashboard.
  const reads = api.requests.slice(before).filter((r) => r.path.startsWith('/api/v1/dashboard'));
  expect(reads.map((r) => r.path.replace(/[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}/, '<id>'))).toEqual([
    '/api/v1/dashboard',
    '/api/v1/dashboard/<id>',
    '/api/v1/dashboard/<id>',
  ]);
});
