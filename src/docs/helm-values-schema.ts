/**
 * The Helm chart's values schema (helm/datadog-collectors/values.schema.json): the config file's JSON
 * Schema (the `deployment`, `datadog`, `secrets`, `cycle`, `worker` and `collectors` sections reused as
 * they are) plus the keys only the chart has. `npm run docs` writes it (scripts/generate-helm-schema.ts);
 * test/helm/schema.test.ts fails when the committed file is stale.
 */
import { join } from 'node:path';
import type { Registry } from '../collectors/types';
import { configJsonSchema } from '../config/json-schema';
import { chartProperties } from './helm-chart-properties';
import { DURATION_KEYS, DURATION_PATTERN, SCHEDULE_PATTERN } from './helm-patterns';
import { obj, str, type Schema } from './helm-schema-builders';
import { prettierJson } from './prettier-json';

export const CHART_DIR = join('helm', 'datadog-collectors');
export const HELM_SCHEMA_FILE = join(CHART_DIR, 'values.schema.json');
export const HELM_REGENERATE_COMMAND = 'npm run docs';

/** Adds the duration and schedule patterns to the engine's string fields that zod checks with code. */
function withPatterns(schema: Schema, key?: string): Schema {
  // A collector's own targets and options carry its own formats: left as they are.
  if (key === 'targets' || key === 'options') return schema;
  const copy: Schema = { ...schema };
  if (copy.type === 'string' && copy.pattern === undefined && copy.enum === undefined && key) {
    if (key === 'schedule') copy.pattern = SCHEDULE_PATTERN;
    else if (DURATION_KEYS.has(key)) copy.pattern = DURATION_PATTERN;
  }
  if (copy.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([k, v]) => [k, withPatterns(v, k)]),
    );
  }
  return copy;
}

/** The chart's values schema for the collectors of `reg`. */
export function helmValuesSchema(reg: Registry): Schema {
  const config = configJsonSchema(reg) as Schema;
  const section = (name: string): Schema => {
    const s = config.properties?.[name];
    if (!s) throw new Error(`the config schema has no "${name}" section`);
    const { default: _default, ...rest } = withPatterns(s, name);
    return rest;
  };
  const temporal = section('temporal');
  const temporalProps = temporal.properties!;
  const tls = temporalProps.tls!;
  const chart = chartProperties();
  return {
    $schema: config.$schema,
    title: 'datadog-collectors Helm values',
    description:
      'Values of the datadog-collectors chart. The deployment, temporal, datadog, secrets, cycle, worker and ' +
      'collectors sections are those of the config file (schema/collectors-config.schema.json); the chart renders ' +
      'them into the ConfigMap. Secret values never go here: only names of existing Secrets.',
    type: 'object',
    properties: {
      ...chart,
      deployment: section('deployment'),
      temporal: {
        ...temporal,
        description:
          'Connection to Temporal. The API key and the TLS certificates come from existing Secrets (below), never ' +
          'from values.',
        properties: {
          address: temporalProps.address!,
          namespace: temporalProps.namespace!,
          taskQueue: temporalProps.taskQueue!,
          tls: {
            ...tls,
            description:
              'TLS to the Temporal frontend. Certificates come from an existing Secret, mounted as files; the ' +
              'chart writes their paths into the config.',
            properties: {
              enabled: tls.properties!.enabled!,
              serverName: tls.properties!.serverName!,
              existingSecret: str(
                'Secret with the PEM files (e.g. a kubernetes.io/tls Secret, or one cert-manager writes).',
              ),
              certKey: str('Key of the client certificate in existingSecret (mTLS); empty: none.'),
              keyKey: str('Key of the client private key in existingSecret (mTLS); empty: none.'),
              caKey: str('Key of the CA certificate in existingSecret; empty: the system CAs.'),
            },
          },
          apiKey: obj(
            'Temporal Cloud API key from an existing Secret, as env TEMPORAL_API_KEY (turns TLS on).',
            {
              existingSecret: str('Name of the Secret; empty: no API key.'),
              key: str('Key of the API key in that Secret.', { minLength: 1 }),
            },
          ),
        },
      },
      datadog: section('datadog'),
      secrets: {
        ...section('secrets'),
        properties: {
          ...section('secrets').properties,
          existingSecret: str(
            'Kubernetes Secret whose keys are environment variables (DD_API_KEY, GITHUB_TOKEN, ...), loaded into ' +
              'every container with envFrom. The source with backend env; the fallback with backend aws. Empty: none.',
          ),
        },
      },
      cycle: section('cycle'),
      worker: section('worker'),
      collectors: section('collectors'),
    },
    additionalProperties: false,
  };
}

/** The file's text as `prettier --check` wants it. */
export function renderHelmSchema(reg: Registry): string {
  return prettierJson(helmValuesSchema(reg));
}
