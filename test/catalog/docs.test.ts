import { estimateCardinality, estimateHealthCardinality } from '../../src/catalog/cardinality';
import { metricTable, replaceGenerated } from '../../src/catalog/docs';
import { syntheticCatalog } from '../support/synthetic-collector';

test('the metric table lists every metric by group with unit, tags and backfill', () => {
  const table = metricTable(syntheticCatalog).split('\n');
  expect(table[0]).toBe('| metric | group | unit | tags | B | description |');
  // 6 metrics: alpha's three (value, by_status, present_only) come first, in group order.
  expect(table.slice(2, 8).map((row) => row.split(' | ')[0])).toEqual([
    '| `synthetic.alpha.value`',
    '| `synthetic.alpha.by_status`',
    '| `synthetic.alpha.present_only`',
    '| `synthetic.beta.value`',
    '| `synthetic.gamma.value`',
    '| `synthetic.delta.value`',
  ]);
  expect(table[3]).toBe(
    '| `synthetic.alpha.by_status` | alpha | count | `status` (ok, bad) | B | A value per status. |',
  );
  expect(table[4]).toContain('| count | – |  | A state-of-now value');
});

test('generated blocks are replaced between their markers only', () => {
  const doc = 'intro\n<!-- BEGIN GENERATED: t -->\nold\n<!-- END GENERATED: t -->\noutro\n';
  expect(replaceGenerated(doc, 't', 'new')).toBe(
    'intro\n<!-- BEGIN GENERATED: t -->\nnew\n<!-- END GENERATED: t -->\noutro\n',
  );
  expect(() => replaceGenerated(doc, 'other', 'x')).toThrow('markers "<!-- BEGIN GENERATED: other -->"');
});

test('cardinality multiplies the targets by each metric’s tag values', () => {
  // 5 untagged metrics + by_status × 2 status values = 7 series per target.
  expect(estimateCardinality(syntheticCatalog, 30)).toEqual({
    collector: 'synthetic',
    targets: 30,
    metrics: 6,
    perTarget: 7,
    total: 210,
  });
  // 5 cycle gauges × 3 modes + group.skipped × 4 groups × 3 modes + group.success × 4 groups × 30
  // targets × 3 modes = 15 + 12 + 360.
  expect(estimateHealthCardinality(4, 30)).toBe(387);
});
