/**
 * The emitter accepts only what its catalog declares. The `@ts-expect-error` lines are the test:
 * `tsc` fails if one of them compiles.
 */
import { catalog, metric } from '../../src/catalog/declare';
import { emitterOf } from '../../src/catalog/emitter';

const declared = catalog({
  collector: 'demo',
  targetTags: {},
  tags: { status: { description: 'A status.', values: ['ok', 'bad'] } },
  groups: [{ name: 'main', description: 'The one group.', timeout: '1m' }],
  metrics: [
    metric({ name: 'demo.count', unit: 'count', group: 'main', backfill: true, description: 'A count.' }),
    metric({
      name: 'demo.by_status',
      unit: 'count',
      group: 'main',
      backfill: true,
      tags: ['status'],
      description: 'A count per status.',
    }),
  ],
});
const { point, points } = emitterOf(declared);

test('builds points of declared names with exactly their declared tags', () => {
  expect(point('demo.count', 3)).toEqual({ metric: 'demo.count', value: 3 });
  expect(point('demo.by_status', 2, { status: 'ok' })).toEqual({
    metric: 'demo.by_status',
    value: 2,
    tags: { status: 'ok' },
  });
});

test('leaves out absent values', () => {
  expect(points({ 'demo.count': undefined })).toEqual([]);
  expect(points({ 'demo.count': 0 })).toEqual([{ metric: 'demo.count', value: 0 }]);
});

test('an undeclared name or tag key does not compile', () => {
  const rejected = () => [
    // @ts-expect-error a name the catalog does not declare
    point('demo.cuont', 1),
    // @ts-expect-error a tag on a metric that declares none
    point('demo.count', 1, { status: 'ok' }),
    // @ts-expect-error a tag key the metric does not declare
    point('demo.by_status', 1, { status: 'ok', branch: 'main' }),
    // @ts-expect-error a declared tag left out
    point('demo.by_status', 1),
    // @ts-expect-error a tagged metric among the untagged values
    points({ 'demo.by_status': 1 }),
  ];
  expect(typeof rejected).toBe('function');
});
