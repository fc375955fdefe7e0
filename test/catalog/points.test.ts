import { checkPoints, toDataPoints } from '../../src/catalog/points';
import { syntheticCatalog } from '../support/synthetic-collector';

test('declared points pass; each kind of invalid point is dropped with its reason', () => {
  const check = checkPoints(
    syntheticCatalog,
    [
      { metric: 'synthetic.alpha.value', value: 1 },
      { metric: 'synthetic.nope', value: 1 },
      { metric: 'synthetic.beta.value', value: 1 },
      { metric: 'synthetic.alpha.value', value: Number.NaN },
      { metric: 'synthetic.alpha.value', value: Infinity },
      { metric: 'synthetic.alpha.value', value: 2, tags: { pr: '42' } },
      { metric: 'synthetic.alpha.by_status', value: 2, tags: { status: 'meh' } },
      { metric: 'synthetic.alpha.by_status', value: 2 },
      { metric: 'synthetic.alpha.by_status', value: 2, tags: { status: 'OK' } },
    ],
    { group: 'alpha', backfill: false },
  );
  expect(check.valid).toEqual([
    { metric: 'synthetic.alpha.value', value: 1 },
    { metric: 'synthetic.alpha.by_status', value: 2, tags: { status: 'OK' } },
  ]);
  expect(check.invalid.map((i) => i.reason)).toEqual([
    'metric synthetic.nope is not declared in the synthetic catalog',
    'metric synthetic.beta.value belongs to group beta, emitted by alpha',
    'metric synthetic.alpha.value has a non-finite value (NaN)',
    'metric synthetic.alpha.value has a non-finite value (Infinity)',
    'metric synthetic.alpha.value has undeclared tag key "pr"',
    'metric synthetic.alpha.by_status has tag status:meh, not one of ok, bad',
    'metric synthetic.alpha.by_status lacks its declared tag "status"',
  ]);
});

test('in a backfill, metrics that cannot be backfilled are skipped, not counted invalid', () => {
  const check = checkPoints(
    syntheticCatalog,
    [
      { metric: 'synthetic.alpha.value', value: 1 },
      { metric: 'synthetic.alpha.present_only', value: 1 },
    ],
    { group: 'alpha', backfill: true },
  );
  expect(check.valid.map((p) => p.metric)).toEqual(['synthetic.alpha.value']);
  expect(check.skipped.map((p) => p.metric)).toEqual(['synthetic.alpha.present_only']);
  expect(check.invalid).toEqual([]);
});

test('wire points carry the slot, type, unit and sorted lower-case tags', () => {
  const [point] = toDataPoints(
    syntheticCatalog,
    [{ metric: 'synthetic.alpha.by_status', value: 5, tags: { status: 'OK' } }],
    {
      asOf: new Date('2026-01-02T03:04:05.678Z'),
      commonTags: ['collector:synthetic', 'env:prod', 'service:svc'],
      targetTags: { target: 'T007' },
    },
  );
  // 2026-01-02T03:04:05Z = 1767323045 s (milliseconds dropped).
  expect(point).toEqual({
    metric: 'synthetic.alpha.by_status',
    type: 'gauge',
    value: 5,
    timestamp: 1767323045,
    tags: ['collector:synthetic', 'env:prod', 'service:svc', 'status:ok', 'target:t007'],
    unit: 'item',
  });
});
