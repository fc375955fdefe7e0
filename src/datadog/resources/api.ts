/**
 * The Datadog API of dashboards, monitors and metric metadata (v1), as `plan` and `apply` use it:
 * the real client (@datadog/datadog-api-client) with the API and application keys, against the site's
 * API (`https://api.<site>`) or the configured base URL (DD_URL).
 *
 * Rate limits: a 429 is waited out here, in the client's `fetch`, for the time the answer names
 * (`Retry-After`, else `X-RateLimit-Reset`, in seconds), then the same request is sent again. The
 * client's own retry (`enableRetry`, `maxRetries`) stays off: it also retries every 5xx, a POST
 * included, and a create whose answer was lost would then be created twice; and it reads only
 * `X-RateLimit-Reset`. A 429 means the request was not served, so sending it again is safe.
 *
 * The client is required on first use (over 7,000 modules): the CLI loads it only for these commands.
 */
import type * as DatadogApiClient from '@datadog/datadog-api-client';
import type { v1 } from '@datadog/datadog-api-client';
import { datadogApiClient } from '../api-client';
import { redact } from '../../util/redact';
import { validateDatadogKey } from '../validate-key';

export interface ResourceApiOptions {
  /** API base URL without a trailing slash: `https://api.datadoghq.com`, or DD_URL. */
  readonly url: string;
  readonly site: string;
  readonly apiKey: string;
  readonly appKey: string;
  readonly fetch?: typeof fetch;
  /** How long one request may take; 30 s by default. */
  readonly timeoutMs?: number;
  /** Waits out a 429 (injected by tests); a timer by default. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told of each wait, for the progress lines. */
  readonly onRateLimit?: (waitMs: number, limitName: string | undefined) => void;
  /** How many 429s in a row one request waits out before it fails; 5 by default. */
  readonly maxRateLimitWaits?: number;
  /** The longest single wait; 60 s by default (a longer reset is waited in steps of this). */
  readonly maxWaitMs?: number;
}

/** A failed call, its message ready for an operator (keys named, never shown). */
export class ResourceApiError extends Error {
  override readonly name = 'ResourceApiError';
  constructor(
    message: string,
    /** The HTTP status, 0 when no answer came. */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface DashboardListEntry {
  readonly id: string;
  readonly title: string;
  /** Undefined when the list did not carry it: the dashboard must be read to know. */
  readonly description: string | null | undefined;
}

export interface ResourceApi {
  readonly url: string;
  /** Monitors carrying every one of `tags` (`monitor_tags`), every page. */
  listMonitors(tags: readonly string[]): Promise<v1.Monitor[]>;
  createMonitor(body: v1.Monitor): Promise<v1.Monitor>;
  updateMonitor(id: number, body: v1.MonitorUpdateRequest): Promise<v1.Monitor>;
  deleteMonitor(id: number): Promise<void>;
  /** Every live dashboard's summary, every page. */
  listDashboards(): Promise<DashboardListEntry[]>;
  getDashboard(id: string): Promise<v1.Dashboard>;
  createDashboard(body: v1.Dashboard): Promise<v1.Dashboard>;
  updateDashboard(id: string, body: v1.Dashboard): Promise<v1.Dashboard>;
  deleteDashboard(id: string): Promise<void>;
  /** A metric's metadata; undefined when Datadog has no such metric yet (404: no point arrived). */
  getMetricMetadata(metric: string): Promise<v1.MetricMetadata | undefined>;
  updateMetricMetadata(metric: string, body: v1.MetricMetadata): Promise<v1.MetricMetadata>;
  /** The cheapest call that needs the application key: one monitor of the first page. */
  checkAppKey(): Promise<void>;
}

const DASHBOARD_PAGE = 100;
const MONITOR_PAGE = 100;

export function createResourceApi(options: ResourceApiOptions): ResourceApi {
  const { client, v1: api } = datadogApiClient();
  const base = redact(options.url);
  const configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: options.apiKey, appKeyAuth: options.appKey },
    baseServer: new client.BaseServerConfiguration(options.url, {}),
    enableRetry: false,
    fetch: waitingOutRateLimits(options),
  });
  const monitors = new api.MonitorsApi(configuration);
  const dashboards = new api.DashboardsApi(configuration);
  const metrics = new api.MetricsApi(configuration);
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> =>
    work().catch(async (err: unknown) => {
      throw await explain(err, what, options, client);
    });

  return {
    url: base,
    async listMonitors(tags) {
      const all: v1.Monitor[] = [];
      for (let page = 0; ; page++) {
        const batch = await call('list monitors', () =>
          monitors.listMonitors({ monitorTags: tags.join(','), page, pageSize: MONITOR_PAGE }),
        );
        all.push(...batch);
        if (batch.length < MONITOR_PAGE) return all;
      }
    },
    createMonitor: (body) => call(`create monitor "${body.name}"`, () => monitors.createMonitor({ body })),
    updateMonitor: (id, body) =>
      call(`update monitor ${id}`, () => monitors.updateMonitor({ monitorId: id, body })),
    deleteMonitor: async (id) => {
      await call(`delete monitor ${id}`, () => monitors.deleteMonitor({ monitorId: id }));
    },
    async listDashboards() {
      const all: DashboardListEntry[] = [];
      for (let start = 0; ; start += DASHBOARD_PAGE) {
        const page = await call('list dashboards', () =>
          dashboards.listDashboards({ start, count: DASHBOARD_PAGE }),
        );
        const batch = page.dashboards ?? [];
        for (const d of batch) {
          if (d.id === undefined) continue;
          all.push({ id: d.id, title: d.title ?? '', description: descriptionOf(d) });
        }
        if (batch.length < DASHBOARD_PAGE) return all;
      }
    },
    getDashboard: (id) => call(`read dashboard ${id}`, () => dashboards.getDashboard({ dashboardId: id })),
    createDashboard: (body) =>
      call(`create dashboard "${body.title}"`, () => dashboards.createDashboard({ body })),
    updateDashboard: (id, body) =>
      call(`update dashboard ${id}`, () => dashboards.updateDashboard({ dashboardId: id, body })),
    deleteDashboard: async (id) => {
      await call(`delete dashboard ${id}`, () => dashboards.deleteDashboard({ dashboardId: id }));
    },
    async getMetricMetadata(metric) {
      try {
        return await metrics.getMetricMetadata({ metricName: metric });
      } catch (err) {
        if (err instanceof client.ApiException && Number(err.code) === 404) return undefined;
        throw await explain(err, `read the metadata of ${metric}`, options, client);
      }
    },
    updateMetricMetadata: (metric, body) =>
      call(`update the metadata of ${metric}`, () =>
        metrics.updateMetricMetadata({ metricName: metric, body }),
      ),
    async checkAppKey() {
      await call('list monitors', () => monitors.listMonitors({ page: 0, pageSize: 1 }));
    },
  };
}

/**
 * The summary's description when the list carried the field (Datadog's summaries do, `null` for a
 * dashboard without one, which the client keeps), else undefined: the caller reads the dashboard.
 */
function descriptionOf(summary: v1.DashboardSummaryDefinition): string | null | undefined {
  return summary.description;
}

/**
 * An error an operator can act on. A 403 is the API key or the application key: `/api/v1/validate`
 * (API key only) tells which.
 */
async function explain(
  err: unknown,
  what: string,
  options: ResourceApiOptions,
  client: typeof DatadogApiClient.client,
): Promise<ResourceApiError> {
  const base = redact(options.url);
  if (!(err instanceof client.ApiException)) {
    const text = err instanceof Error ? err.message : String(err);
    return new ResourceApiError(`could not ${what}: ${base} unreachable: ${redact(text)}`, 0);
  }
  const status = Number(err.code);
  if (status === 401 || status === 403) {
    const apiKey = await validateDatadogKey({
      apiKey: options.apiKey,
      url: options.url,
      site: options.site,
      fetch: options.fetch ?? fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    if (apiKey.status === 'rejected') return new ResourceApiError(apiKey.detail, status);
    return new ResourceApiError(
      `Datadog application key rejected by ${base} (HTTP ${status} to ${what}): set DD_APP_KEY (or the ` +
        `secret datadog/app-key) to an application key of the organisation on site ${options.site}, ` +
        'with the scopes dashboards_read, dashboards_write, monitors_read, monitors_write and metrics_read',
      status,
    );
  }
  const body = err.body as { errors?: unknown } | undefined;
  const errors = Array.isArray(body?.errors) ? body.errors.map(String).join('; ') : '';
  return new ResourceApiError(
    `could not ${what}: ${base} answered HTTP ${status}${errors ? `: ${redact(errors)}` : ''}`,
    status,
  );
}

/** `fetch` that waits out a 429 for the time the answer names and sends the request again. */
export function waitingOutRateLimits(options: ResourceApiOptions): typeof fetch {
  const transport = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWaits = options.maxRateLimitWaits ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (input, init) => {
    for (let waits = 0; ; waits++) {
      const response = await transport(input, {
        ...init,
        signal: init?.signal ?? AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 429 || waits >= maxWaits) return response;
      await response.body?.cancel();
      const waitMs = Math.min(maxWaitMs, rateLimitWaitMs(response.headers));
      options.onRateLimit?.(waitMs, response.headers.get('x-ratelimit-name') ?? undefined);
      await sleep(waitMs);
    }
  };
}

/**
 * How long a 429 asks to wait: `Retry-After` (seconds, or an HTTP date), else `X-RateLimit-Reset`
 * (seconds until the period resets), else one second.
 */
export function rateLimitWaitMs(headers: Headers, now: () => number = Date.now): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now());
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && /^\d+$/.test(reset.trim())) return Number(reset) * 1000;
  return 1000;
}
