/**
 * The sandbox banner's line about Datadog resources: the plan against an empty fake Datadog API
 * started for it, with the synthetic collector: 2 dashboards (its own, health), 5 monitors (the health
 * ones), and the metadata of its catalog's metrics and 7 health metrics, waiting for their points.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { datadogPlanFile, previewDatadogResources } from '../../src/sandbox/datadog-plan';
import { registry } from '../support/deployment';
import { syntheticCatalog } from '../support/synthetic-collector';

test('counts for the banner, the full plan in out/sandbox/datadog-plan.txt; no key needed', async () => {
  const config = parseConfig(
    {
      deployment: 'sandbox',
      datadog: { env: 'sandbox' },
      collectors: { synthetic: { targets: { count: 1 } } },
    },
    { env: {}, registry, source: 'test', temporalProfile: false },
  );
  const cwd = mkdtempSync(join(tmpdir(), 'sandbox-plan-'));
  const metadata = syntheticCatalog.metrics.length + 7;
  expect(await previewDatadogResources(config, registry, cwd)).toBe(
    `datadog apply would create 2 dashboards, 5 monitors, and the metadata of ${metadata} metrics once they ` +
      'have points (planned against an empty fake): out/sandbox/datadog-plan.txt',
  );
  const plan = readFileSync(datadogPlanFile(cwd), 'utf8').split('\n');
  expect(plan[1]).toBe('+ dashboard synthetic "[sandbox] Collector: synthetic"');
  expect(plan.filter((l) => l.startsWith('+ '))).toHaveLength(7);
  expect(plan.at(-2)).toMatch(
    /^Plan for deployment sandbox: 7 to create, 0 to update, 0 to delete, 0 unchanged;/,
  );
});
