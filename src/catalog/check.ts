/**
 * The catalog self-check: every problem at once, so one run of the tests lists them all
 * (the OpenTelemetry Collector's mdatagen does the same).
 */
import { EVERY_GROUP, UNITS, type Catalog } from './model';

const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const TAG_KEY = /^[a-z][a-z0-9_]*$/;
/** Datadog lower-cases tag values and turns most other characters into underscores. */
const TAG_VALUE = /^[a-z0-9_\-./:]+$/;
const DURATION = /^\d+(ms|s|m|h|d)$/;

export function checkCatalog(catalog: Catalog): string[] {
  const problems: string[] = [];
  const at = (what: string, problem: string) => problems.push(`${catalog.collector}: ${what}: ${problem}`);
  const names = new Set<string>();
  const usedTags = new Set<string>();
  const groupsWithMetrics = new Set<string>();
  const groupNames = new Set(catalog.groups.map((g) => g.name));

  for (const group of catalog.groups) {
    if (!DURATION.test(group.timeout))
      at(`group ${group.name}`, `timeout "${group.timeout}" is not a duration`);
    if (!group.description.trim()) at(`group ${group.name}`, 'missing description');
  }
  for (const m of catalog.metrics) {
    const where = `metric ${m.name}`;
    if (names.has(m.name)) at(where, 'declared twice');
    names.add(m.name);
    if (!METRIC_NAME.test(m.name)) at(where, 'name must be dotted lower-case ASCII (letters, digits, _)');
    if (m.name.length > 200) at(where, 'name longer than 200 characters');
    if (!m.name.startsWith(`${catalog.collector}.`))
      at(where, `name must start with "${catalog.collector}."`);
    if (!(m.unit in UNITS)) at(where, `unknown unit "${m.unit}"`);
    if (!m.description.trim()) at(where, 'missing description');
    if (m.group !== EVERY_GROUP && !groupNames.has(m.group)) {
      at(where, `group "${m.group}" is not declared in groups`);
    }
    if (m.group === EVERY_GROUP && m.tags.includes('group')) {
      at(where, 'the engine adds the "group" tag to metrics of every group; do not declare it');
    }
    groupsWithMetrics.add(m.group);
    for (const key of m.tags) {
      usedTags.add(key);
      if (!(key in catalog.tags)) at(where, `tag "${key}" is not declared in the tag dictionary`);
      if (key in catalog.targetTags)
        at(where, `tag "${key}" is a target tag; it is added to every point already`);
    }
    if (m.deprecated?.replacedBy && !catalog.metrics.some((o) => o.name === m.deprecated?.replacedBy)) {
      at(where, `replacedBy "${m.deprecated.replacedBy}" is not declared`);
    }
  }
  for (const [key, def] of [...Object.entries(catalog.tags), ...Object.entries(catalog.targetTags)]) {
    if (!TAG_KEY.test(key)) at(`tag ${key}`, 'key must be lower-case letters, digits and _');
    if (!def.description.trim()) at(`tag ${key}`, 'missing description');
    for (const v of def.values ?? []) {
      if (!TAG_VALUE.test(v)) at(`tag ${key}`, `value "${v}" is not a lower-case tag-safe value`);
    }
  }
  for (const key of Object.keys(catalog.tags)) {
    if (!usedTags.has(key)) at(`tag ${key}`, 'declared but used by no metric');
  }
  for (const g of groupNames) {
    if (!groupsWithMetrics.has(g)) at(`group ${g}`, 'declares no metric');
  }
  checkRollups(catalog, at);
  return problems;
}

/**
 * Roll-up metrics (docs/metrics.md#roll-ups): each is named `<collector>.<key>.<rest>` after a
 * per-target counterpart `<collector>.<rest>` with the same unit, type, group, tags and backfill;
 * nothing else lives under `<collector>.<key>.`, so a name alone says which level a series is.
 */
function checkRollups(catalog: Catalog, at: (what: string, problem: string) => void): void {
  const byName = new Map(catalog.metrics.map((m) => [m.name, m]));
  const key = catalog.rollup?.key;
  if (catalog.rollup) {
    if (!(catalog.rollup.key in catalog.targetTags)) {
      at(`rollup key ${catalog.rollup.key}`, 'is not a target tag of the catalog');
    }
    if (!catalog.rollup.description.trim()) at(`rollup key ${catalog.rollup.key}`, 'missing description');
    if (!catalog.metrics.some((m) => m.rollupOf !== undefined))
      at('rollup', 'declared, but no metric rolls up');
  }
  const prefix = key === undefined ? undefined : `${catalog.collector}.${key}.`;
  for (const m of catalog.metrics) {
    const where = `metric ${m.name}`;
    if (m.rollupOf === undefined) {
      if (prefix && m.name.startsWith(prefix)) {
        at(where, `a name under "${prefix}" is a roll-up's: declare its rollupOf`);
      }
      continue;
    }
    if (key === undefined) {
      at(where, 'rolls up, but the catalog declares no rollup key');
      continue;
    }
    const of = byName.get(m.rollupOf);
    if (!of) {
      at(where, `rollupOf "${m.rollupOf}" is not declared`);
      continue;
    }
    if (of.rollupOf !== undefined) at(where, `rollupOf "${of.name}" is itself a roll-up`);
    const expected = `${prefix}${of.name.slice(catalog.collector.length + 1)}`;
    if (m.name !== expected) at(where, `the roll-up of ${of.name} must be named ${expected}`);
    for (const field of ['unit', 'type', 'group', 'backfill'] as const) {
      if (m[field] !== of[field]) {
        at(where, `${field} ${String(m[field])} differs from its counterpart's (${String(of[field])})`);
      }
    }
    if (m.group === EVERY_GROUP) at(where, 'a metric of every group cannot roll up');
    if (m.tags.join() !== of.tags.join()) at(where, `tags differ from its counterpart's`);
    if (!m.deprecated && of.deprecated) at(where, `its counterpart ${of.name} is deprecated and it is not`);
  }
}

export function assertCatalog(catalog: Catalog): void {
  const problems = checkCatalog(catalog);
  if (problems.length) throw new Error(`invalid metric catalog:\n  ${problems.join('\n  ')}`);
}
