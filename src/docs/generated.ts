/**
 * Everything generated from the registry, the catalogs and the config schema. Blocks of docs: the
 * README's architecture diagram and table of collectors, the collectors' docs and the health metrics (docs/metrics.md), the
 * env overrides and secrets (docs/configure.md), the chart's values table (its own README), each
 * collector's metric table, the IAM statements. Whole files: the IAM policy and the Helm test values.
 * `npm run docs` writes them; test/docs.test.ts fails when a committed file is stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthCatalog } from '../catalog/health';
import { metricTable, replaceGenerated } from '../catalog/docs';
import type { Registry } from '../collectors/types';
import { ENV_OVERRIDES } from '../config';
import { architectureDiagram } from './architecture-diagram';
import { collectorDocsList, collectorsTable } from './collector-docs';
import { HELM_TEST_VALUES_FILE, renderHelmTestValues } from './helm-test-values';
import { CHART_DIR } from './helm-values-schema';
import { helmValuesTable } from './helm-values-table';
import { IAM_POLICY_FILE, iamStatementsTable, renderIamPolicy } from './iam-policy';
import { monitorsTable } from './monitors-table';
import { secretsTable } from './secrets';

export interface GeneratedBlock {
  /** File path relative to the project root. */
  readonly file: string;
  /** The marker name: `<!-- BEGIN GENERATED: name -->`. */
  readonly name: string;
  readonly content: string;
}

/** A file generated whole. */
export interface GeneratedFile {
  /** File path relative to the project root. */
  readonly file: string;
  readonly content: string;
}

function envTable(): string {
  return [
    '| variable | sets |',
    '|---|---|',
    ...ENV_OVERRIDES.map(
      (o) => `| \`${o.env}\`${o.alias ? ` (or \`${o.alias}\`)` : ''} | \`${o.path.join('.')}\` |`,
    ),
  ].join('\n');
}

export function generatedBlocks(registry: Registry, root: string): GeneratedBlock[] {
  return [
    {
      file: join('docs', 'metrics.md'),
      name: 'health-metrics',
      content: metricTable(
        healthCatalog('<name>'),
        'Every health point also carries `collector:<name>`, `env`, `service`, `version` and the configured tags ' +
          '(`datadog.tags`); `group.success` also carries the target tags of its unit and its `targetTags`.',
      ),
    },
    { file: join('docs', 'metrics.md'), name: 'collector-docs', content: collectorDocsList(registry, root) },
    { file: join('docs', 'configure.md'), name: 'env-overrides', content: envTable() },
    // The Helm chart's values: descriptions and defaults from values.yaml, types from values.schema.json.
    { file: join(CHART_DIR, 'README.md'), name: 'helm-values', content: helmValuesTable(registry, root) },
    { file: join('docs', 'configure.md'), name: 'secrets', content: secretsTable(registry) },
    { file: 'README.md', name: 'architecture', content: architectureDiagram(registry) },
    { file: 'README.md', name: 'collectors', content: collectorsTable(registry, root) },
    { file: 'README.md', name: 'monitors', content: monitorsTable(registry) },
    {
      file: join('deploy', 'iam', 'README.md'),
      name: 'iam-statements',
      content: iamStatementsTable(registry),
    },
    ...[...registry.values()].map((c) => ({
      file: join('src', 'collectors', c.name, 'README.md'),
      name: `${c.name}-metrics`,
      content: metricTable(c.catalog),
    })),
  ];
}

export function generatedFiles(registry: Registry): GeneratedFile[] {
  return [
    { file: IAM_POLICY_FILE, content: renderIamPolicy(registry) },
    { file: HELM_TEST_VALUES_FILE, content: renderHelmTestValues(registry) },
  ];
}

/** The files that differ from what the registry and the catalogs give now, with their new text. */
export function staleDocs(root: string, registry: Registry): Map<string, string> {
  const updated = new Map<string, string>(generatedFiles(registry).map((f) => [f.file, f.content]));
  for (const block of generatedBlocks(registry, root)) {
    const current = updated.get(block.file) ?? readFileSync(join(root, block.file), 'utf8');
    updated.set(block.file, replaceGenerated(current, block.name, block.content));
  }
  for (const [file, text] of updated) {
    const path = join(root, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) updated.delete(file);
  }
  return updated;
}
