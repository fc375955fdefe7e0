/**
 * @datadog/datadog-api-client, for `collectors datadog` (dashboards, monitors, metadata). It is over
 * 7,000 modules (about 2 s and 100–180 MB to load): required on first use only, and never by the
 * worker, whose one call (`POST /api/v2/series`, post-payload.ts) needs none of it.
 */
import type * as DatadogApiClient from '@datadog/datadog-api-client';

export function datadogApiClient(): typeof DatadogApiClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@datadog/datadog-api-client') as typeof DatadogApiClient;
}
