/**
 * What `collectors datadog apply` would make of the sandbox's deployment, for its banner: the plan
 * against an empty fake Datadog API started in-process for the purpose (no key needed, closed at
 * once), every kind of resource on. The banner gets the counts; the full plan goes to a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Registry } from '../collectors/types';
import type { Config } from '../config';
import { createResourceApi } from '../datadog/resources/api';
import { desiredResources } from '../datadog/resources/desired';
import { resourceOptionsFromConfig } from '../datadog/resources/options';
import { planResources } from '../datadog/resources/plan';
import { formatPlan } from '../datadog/resources/plan-text';
import { startFakeDatadogApi } from '../fakes/datadog/api';

/** Where the full plan goes, under `cwd`. */
export function datadogPlanFile(cwd: string): string {
  return join(cwd, 'out', 'sandbox', 'datadog-plan.txt');
}

/** The banner's line: what would be created, and where the full plan is. */
export async function previewDatadogResources(
  config: Config,
  registry: Registry,
  cwd: string = process.cwd(),
): Promise<string> {
  const fake = await startFakeDatadogApi();
  try {
    const options = {
      ...resourceOptionsFromConfig(config, registry),
      dashboards: true,
      monitors: true,
      metadata: true,
    };
    const api = createResourceApi({
      url: fake.url,
      site: config.datadog.site,
      apiKey: fake.apiKey,
      appKey: fake.appKey,
    });
    const plan = await planResources(api, desiredResources(options), { ...options, prune: false });
    const file = datadogPlanFile(cwd);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `Plan of the sandbox's Datadog dashboards, monitors and metric metadata, against an empty Datadog:\n` +
        `${formatPlan(plan)}\n`,
    );
    const count = (kind: string, action: string) =>
      plan.items.filter((i) => i.kind === kind && i.action === action).length;
    return (
      `datadog apply would create ${count('dashboard', 'create')} dashboards, ${count('monitor', 'create')} ` +
      `monitors, and the metadata of ${count('metadata', 'waits')} metrics once they have points ` +
      `(planned against an empty fake): ${relative(cwd, file)}`
    );
  } finally {
    await fake.close();
  }
}
