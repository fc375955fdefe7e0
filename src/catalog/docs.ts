/**
 * README metric tables, generated from the catalogs and kept between markers:
 *   <!-- BEGIN GENERATED: name -->  …  <!-- END GENERATED: name -->
 * `npm run docs` rewrites them; a test fails when a committed README is out of date.
 */
import { EVERY_GROUP, UNITS, type Catalog, type MetricDef } from './model';

export function metricTable(catalog: Catalog, footnote?: string): string {
  const rows = [...catalog.groups.map((g) => g.name), EVERY_GROUP].flatMap((group) =>
    catalog.metrics.filter((m) => m.group === group).map((m) => metricRow(catalog, m)),
  );
  return [
    '| metric | group | unit | tags | B | description |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    footnote ??
      `B: can be backfilled (a truthful value for a past \`asOf\`). Every point also carries \`collector:${catalog.collector}\`, \`env\`, \`service\` and ${targetTagList(catalog)}.`,
  ].join('\n');
}

function targetTagList(catalog: Catalog): string {
  const keys = Object.keys(catalog.targetTags);
  return keys.length ? `the target tags ${keys.map((k) => `\`${k}\``).join(', ')}` : 'no target tags';
}

export function metricRow(catalog: Catalog, m: MetricDef): string {
  const every = m.group === EVERY_GROUP;
  const tags = [...m.tags, ...(every ? ['group'] : [])]
    .map((key) => {
      const values = every && key === 'group' ? catalog.groups.map((g) => g.name) : catalog.tags[key]?.values;
      return values ? `\`${key}\` (${values.join(', ')})` : `\`${key}\``;
    })
    .join(', ');
  const description = m.deprecated
    ? `**Deprecated since ${m.deprecated.since}**${m.deprecated.replacedBy ? `, use \`${m.deprecated.replacedBy}\`` : ''}. ${m.description}`
    : m.description;
  return `| \`${m.name}\` | ${every ? 'every group' : m.group} | ${UNITS[m.unit].label} | ${tags || '–'} | ${m.backfill ? 'B' : ''} | ${escapeCell(description)} |`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Replaces the content between the named markers; throws when the markers are missing. */
export function replaceGenerated(document: string, name: string, content: string): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = document.indexOf(begin);
  const j = document.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers "${begin}" … "${end}" not found`);
  return `${document.slice(0, i + begin.length)}\n${content.trim()}\n${document.slice(j)}`;
}
