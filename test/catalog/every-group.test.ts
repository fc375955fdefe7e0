import { checkCatalog } from '../../src/catalog/check';
import { estimateCardinality } from '../../src/catalog/cardinality';
import { metricRow } from '../../src/catalog/docs';
import { EVERY_GROUP, type Catalog } from '../../src/catalog/model';
import { checkPoints, toDataPoints } from '../../src/catalog/points';

// A metric every unit reports about itself (e.g. the API requests it spent).
const catalog: Catalog = {
  collector: 'demo',
  targetTags: {},
  tags: { resource: { description: 'Rate-limit bucket.', values: ['core', 'graphql'] } },
  groups: [
    { name: 'a', description: 'A.', timeout: '1m' },
    { name: 'b', description: 'B.', timeout: '1m' },
    { name: 'c', description: 'C.', timeout: '1m' },
  ],
  metrics: [
    {
      name: 'demo.a.x',
      type: 'gauge',
      unit: 'count',
      description: 'X.',
      group: 'a',
      tags: [],
      backfill: true,
    },
    {
      name: 'demo.b.x',
      type: 'gauge',
      unit: 'count',
      description: 'X.',
      group: 'b',
      tags: [],
      backfill: true,
    },
    {
      name: 'demo.c.x',
      type: 'gauge',
      unit: 'count',
      description: 'X.',
      group: 'c',
      tags: [],
      backfill: true,
    },
    {
      name: 'demo.api.requests',
      type: 'gauge',
      unit: 'request',
      description: 'Spent.',
      group: EVERY_GROUP,
      tags: ['resource'],
      backfill: false,
    },
  ],
};

test('a metric of every group passes the self-check, and may not declare the group tag itself', () => {
  expect(checkCatalog(catalog)).toEqual([]);
  const wrong = {
    ...catalog,
    metrics: [...catalog.metrics.slice(0, 3), { ...catalog.metrics[3]!, tags: ['resource', 'group'] }],
  };
  expect(checkCatalog(wrong)).toContain(
    'demo: metric demo.api.requests: the engine adds the "group" tag to metrics of every group; do not declare it',
  );
});

test('any group may emit it, and its points carry the emitting group', () => {
  const check = checkPoints(
    catalog,
    [{ metric: 'demo.api.requests', value: 4, tags: { resource: 'core' } }],
    {
      group: 'b',
      backfill: false,
    },
  );
  expect(check.invalid).toEqual([]);
  const [point] = toDataPoints(catalog, check.valid, {
    asOf: new Date(0),
    commonTags: [],
    targetTags: {},
    group: 'b',
  });
  expect(point?.tags).toEqual(['group:b', 'resource:core']);
});

test('it counts one series per group in the cardinality, and its table row says so', () => {
  // 3 untagged metrics + requests × 2 resources × 3 groups = 9 series per target.
  expect(estimateCardinality(catalog, 1).perTarget).toBe(9);
  expect(metricRow(catalog, catalog.metrics[3]!)).toBe(
    '| `demo.api.requests` | every group | requests | `resource` (core, graphql), `group` (a, b, c) |  | Spent. |',
  );
});
