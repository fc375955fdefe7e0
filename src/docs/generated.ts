/**
 * Every generated block of the docs, from the catalogs and the config schema: the health metric
 * table and the env overrides in the README, each collector's metric table in its own README.
 * `npm run docs` writes them; test/docs.test.ts fails when a committed file is stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEALTH_TAGS, healthMetricDefs } from '../catalog/health';
import { metricTable, replaceGenerated } from '../catalog/docs';
import type { Catalog } from '../catalog/model';
import type { Registry } from '../collectors/types';
import { ENV_OVERRIDES } from '../config';
import { helmValuesTable } from '../../scripts/generate-helm-schema';

export interface GeneratedBlock {
  /** File path relative to the project root. */
  readonly file: string;
  /** The marker name: `<!-- BEGIN GENERATED: name -->`. */
  readonly name: string;
  readonly content: string;
}

export function healthCatalog(): Catalog {
  return {
    collector: '<name>',
    targetTags: {},
    tags: HEALTH_TAGS,
    groups: [{ name: 'health', description: 'Emitted by every cycle.', timeout: '1m' }],
    metrics: healthMetricDefs('<name>'),
  };
}

function envTable(): string {
  return [
    '| variable | sets |',
    '|---|---|',
    ...ENV_OVERRIDES.map((o) => `| \`${o.env}\` | \`${o.path.join('.')}\` |`),
  ].join('\n');
}

export function generatedBlocks(registry: Registry): GeneratedBlock[] {
  return [
    {
      file: 'README.md',
      name: 'health-metrics',
      content: metricTable(
        healthCatalog(),
        'Every health point also carries `collector:<name>`, `env` and `service`; `group.success` also carries the target tags of its unit.',
      ),
    },
    { file: 'README.md', name: 'env-overrides', content: envTable() },
    // The Helm chart's values: descriptions from values.schema.json, defaults from values.yaml.
    { file: 'README.md', name: 'helm-values', content: helmValuesTable(registry) },
    ...[...registry.values()].map((c) => ({
      file: join('src', 'collectors', c.name, 'README.md'),
      name: `${c.name}-metrics`,
      content: metricTable(c.catalog),
    })),
  ];
}

/** The files whose generated blocks differ from what the catalogs give now, with their new text. */
export function staleDocs(root: string, registry: Registry): Map<string, string> {
  const updated = new Map<string, string>();
  for (const block of generatedBlocks(registry)) {
    const current = updated.get(block.file) ?? readFileSync(join(root, block.file), 'utf8');
    updated.set(block.file, replaceGenerated(current, block.name, block.content));
  }
  for (const [file, text] of updated) {
    if (readFileSync(join(root, file), 'utf8') === text) updated.delete(file);
  }
  return updated;
}
