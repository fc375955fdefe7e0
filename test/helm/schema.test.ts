/**
 * values.schema.json: generated from the config's own schema (one source of truth), committed up to
 * date, strict everywhere, and values.yaml documents every key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DURATION_PATTERN,
  HELM_REGENERATE_COMMAND,
  HELM_SCHEMA_FILE,
  SCHEDULE_PATTERN,
  helmValuesSchema,
  renderHelmSchema,
} from '../../scripts/generate-helm-schema';
import { registry } from '../../src/collectors/registry';
import { configJsonSchema } from '../../src/config';
import { parseDuration } from '../../src/time/duration';
import { parseSchedule } from '../../src/time/schedule';
import { CHART, ROOT } from './support';

type Schema = { [key: string]: unknown; properties?: Record<string, Schema>; items?: Schema };

const helmSchema = helmValuesSchema(registry) as Schema;
const configSchema = configJsonSchema(registry) as Schema;

/** Every object schema with its dotted path. */
function objects(schema: Schema, path = ''): [string, Schema][] {
  const out: [string, Schema][] = [];
  if (schema.type === 'object') out.push([path, schema]);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    out.push(...objects(child, path ? `${path}.${key}` : key));
  }
  if (schema.items) out.push(...objects(schema.items, `${path}[]`));
  return out;
}

/**
 * Where `helm` differs from `config`, other than a `pattern` added to a string (the config checks those
 * strings in code, see DURATION_PATTERN).
 */
function differences(helm: unknown, config: unknown, path: string): string[] {
  if (typeof helm !== 'object' || helm === null || typeof config !== 'object' || config === null) {
    return JSON.stringify(helm) === JSON.stringify(config) ? [] : [path];
  }
  const h = helm as Record<string, unknown>;
  const c = config as Record<string, unknown>;
  const out: string[] = [];
  for (const key of new Set([...Object.keys(h), ...Object.keys(c)])) {
    if (key === 'pattern' && c.pattern === undefined && h.type === 'string') continue;
    out.push(...differences(h[key], c[key], `${path}/${key}`));
  }
  return out;
}

describe('values.schema.json', () => {
  it(`the committed ${HELM_SCHEMA_FILE} is up to date`, () => {
    const committed = readFileSync(join(ROOT, HELM_SCHEMA_FILE), 'utf8');
    if (committed !== renderHelmSchema(registry)) {
      throw new Error(`${HELM_SCHEMA_FILE} is out of date. Regenerate it: ${HELM_REGENERATE_COMMAND}`);
    }
  });

  it("reuses the config file's sections as they are", () => {
    const helm = helmSchema.properties!;
    const config = configSchema.properties!;
    for (const section of ['deployment', 'datadog', 'cycle', 'worker', 'collectors'] as const) {
      const { default: _default, ...configSection } = config[section]!;
      expect([section, differences(helm[section], configSection, section)]).toEqual([section, []]);
    }
    // secrets and temporal: the config's fields, plus the names of the Secrets the chart mounts.
    const { existingSecret, ...secrets } = helm.secrets!.properties!;
    expect(existingSecret).toMatchObject({ type: 'string' });
    expect(differences(secrets, config.secrets!.properties, 'secrets')).toEqual([]);
    const temporal = config.temporal!.properties!;
    for (const key of ['address', 'namespace', 'taskQueue'] as const) {
      expect(helm.temporal!.properties![key]).toEqual(temporal[key]);
    }
    const tls = helm.temporal!.properties!.tls!.properties!;
    expect([tls.enabled, tls.serverName]).toEqual([
      temporal.tls!.properties!.enabled,
      temporal.tls!.properties!.serverName,
    ]);
    expect(Object.keys(tls)).not.toContain('clientKeyFile'); // the chart writes the file paths
  });

  it('allows no unknown key anywhere, except inside Kubernetes objects passed through', () => {
    const open = objects(helmSchema)
      .filter(([, o]) => o.additionalProperties !== false && typeof o.additionalProperties !== 'object')
      .map(([path]) => path);
    expect(open).toEqual([
      'global',
      'affinity.nodeAffinity',
      'affinity.podAffinity',
      'affinity.podAntiAffinity',
    ]);
  });

  it("describes every key of the chart's own sections", () => {
    const chartOnly = Object.keys(helmSchema.properties!).filter((k) => !(k in configSchema.properties!));
    expect(chartOnly).toContain('replicas');
    for (const key of chartOnly) {
      for (const [path, object] of objects(helmSchema.properties![key]!, key)) {
        for (const [child, field] of Object.entries(object.properties ?? {})) {
          expect([`${path}.${child}`, typeof field.description]).toEqual([`${path}.${child}`, 'string']);
        }
      }
      expect([key, typeof helmSchema.properties![key]!.description]).toEqual([key, 'string']);
    }
  });

  it('puts the schedule pattern on every collector schedule and the duration pattern on durations', () => {
    const sections = helmSchema.properties!.collectors!.properties!;
    expect(Object.keys(sections)).toEqual([...registry.keys()]);
    for (const section of Object.values(sections)) {
      expect(section.properties!.schedule!.pattern).toBe(SCHEDULE_PATTERN);
      expect(section.properties!.catchupWindow!.pattern).toBe(DURATION_PATTERN);
      for (const group of Object.values(section.properties!.groups!.properties!)) {
        expect(group.properties!.timeout!.pattern).toBe(DURATION_PATTERN);
      }
    }
    expect(helmSchema.properties!.secrets!.properties!.ttl!.pattern).toBe(DURATION_PATTERN);
  });
});

describe('the schema patterns agree with the parsers', () => {
  // JavaScript runs them here (as editors do); Go runs them in helm (test/helm/invalid.test.ts).
  const schedule = new RegExp(SCHEDULE_PATTERN, 'u');
  const duration = new RegExp(DURATION_PATTERN, 'u');
  const parses = (fn: () => unknown) => {
    try {
      fn();
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    '15m',
    '1h30m',
    '30s',
    '*/15 * * * *',
    '0 */2 * * *',
    '0 9 * * mon-fri',
    '0 0 1 jan,jul *',
    '0 9 * * * 2030',
    '30 0 9 * * * 2030',
    '@hourly',
    '@daily',
  ])('accepts the schedule %j, as parseSchedule does', (text) => {
    expect(parses(() => parseSchedule(text))).toBe(true);
    expect(schedule.test(text)).toBe(true);
  });

  it.each(['every 15 minutes', '*/15 * * *', '15', '15 m', '', 'hourly', '* * * * * * * *', '1.5h'])(
    'rejects the schedule %j, as parseSchedule does',
    (text) => {
      expect(parses(() => parseSchedule(text))).toBe(false);
      expect(schedule.test(text)).toBe(false);
    },
  );

  it.each(['0s', '250ms', '30s', '15m', '1h30m', '2d', '1w', '1h0m5s'])('accepts the duration %j', (text) => {
    expect(parses(() => parseDuration(text))).toBe(true);
    expect(duration.test(text)).toBe(true);
  });

  it.each(['5 minutes', '15', 'm', '1.5h', '', 'PT5M', '-5m'])('rejects the duration %j', (text) => {
    expect(parses(() => parseDuration(text))).toBe(false);
    expect(duration.test(text)).toBe(false);
  });
});

describe('values.yaml', () => {
  const lines = readFileSync(join(CHART, 'values.yaml'), 'utf8').split('\n');

  it('points editors at the schema', () => {
    expect(lines[0]).toBe('# yaml-language-server: $schema=values.schema.json');
  });

  it('has a "# --" comment on every key (inside Kubernetes objects, on the object)', () => {
    const missing: string[] = [];
    const stack: { indent: number; key: string }[] = [];
    lines.forEach((line, i) => {
      const match = /^( *)([A-Za-z][\w-]*):(.*)$/.exec(line);
      if (!match) return;
      const indent = match[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const path = [...stack.map((s) => s.key), match[2]!];
      stack.push({ indent, key: match[2]! });
      if (path.slice(0, -1).includes('resources')) return; // documented on `resources`
      const next = lines.slice(i + 1).find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
      const parent = match[3]!.trim() === '' && next.search(/\S/) > indent;
      if (parent && path[path.length - 1] !== 'resources') return;
      let j = i - 1;
      while (j >= 0 && lines[j]!.trim().startsWith('#') && !lines[j]!.trim().startsWith('# --')) j--;
      if (!(j >= 0 && lines[j]!.trim().startsWith('# --'))) missing.push(path.join('.'));
    });
    expect(missing).toEqual([]);
  });
});
