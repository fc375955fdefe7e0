// Writes helm/datadog-collectors/values.schema.json from the Helm values model (src/docs/helm-values-schema.ts)
// and the collectors of the default registry. Run: `npm run docs`.
// test/helm/schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../src/collectors/registry';
import { HELM_SCHEMA_FILE, renderHelmSchema } from '../src/docs/helm-values-schema';
import { projectRoot } from '../src/util/paths';

export {
  CHART_DIR,
  HELM_REGENERATE_COMMAND,
  HELM_SCHEMA_FILE,
  helmValuesSchema,
  renderHelmSchema,
} from '../src/docs/helm-values-schema';
export { DURATION_PATTERN, SCHEDULE_PATTERN } from '../src/docs/helm-patterns';

if (require.main === module) {
  const path = join(projectRoot(), HELM_SCHEMA_FILE);
  writeFileSync(path, renderHelmSchema(registry));
  process.stderr.write(`Helm values schema written to ${path}\n`);
}
