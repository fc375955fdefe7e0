import { assertCatalog, checkCatalog } from '../../src/catalog/check';
import type { Catalog } from '../../src/catalog/model';
import { syntheticCatalog } from '../support/synthetic-collector';

test('a sound catalog has no problems', () => {
  expect(checkCatalog(syntheticCatalog)).toEqual([]);
  expect(() => assertCatalog(syntheticCatalog)).not.toThrow();
});

test('the self-check reports every problem at once', () => {
  const broken: Catalog = {
    collector: 'demo',
    targetTags: { repo: { description: 'The repository.' } },
    tags: {
      status: { description: 'A status.', values: ['ok', 'Not OK'] },
      unused: { description: 'Nobody uses this.' },
    },
    groups: [
      { name: 'pulls', description: 'Pull requests.', timeout: '2m' },
      { name: 'empty', description: 'No metrics.', timeout: 'soon' },
    ],
    metrics: [
      {
        name: 'demo.prs.open',
        type: 'gauge',
        unit: 'count',
        description: 'Open PRs.',
        group: 'pulls',
        tags: ['status'],
        backfill: true,
      },
      {
        name: 'demo.prs.open',
        type: 'gauge',
        unit: 'count',
        description: 'Again.',
        group: 'pulls',
        tags: [],
        backfill: true,
      },
      {
        name: 'prs.merged',
        type: 'gauge',
        unit: 'count',
        description: 'No prefix.',
        group: 'pulls',
        tags: [],
        backfill: true,
      },
      {
        name: 'demo.Bad-Name',
        type: 'gauge',
        unit: 'parsecs' as never,
        description: ' ',
        group: 'ghost',
        tags: ['repo', 'nope'],
        backfill: false,
        deprecated: { since: '0.2', replacedBy: 'demo.prs.gone' },
      },
    ],
  };
  expect(checkCatalog(broken)).toEqual([
    'demo: group empty: timeout "soon" is not a duration',
    'demo: metric demo.prs.open: declared twice',
    'demo: metric prs.merged: name must start with "demo."',
    'demo: metric demo.Bad-Name: name must be dotted lower-case ASCII (letters, digits, _)',
    'demo: metric demo.Bad-Name: unknown unit "parsecs"',
    'demo: metric demo.Bad-Name: missing description',
    'demo: metric demo.Bad-Name: group "ghost" is not declared in groups',
    'demo: metric demo.Bad-Name: tag "repo" is not declared in the tag dictionary',
    'demo: metric demo.Bad-Name: tag "repo" is a target tag; it is added to every point already',
    'demo: metric demo.Bad-Name: tag "nope" is not declared in the tag dictionary',
    'demo: metric demo.Bad-Name: replacedBy "demo.prs.gone" is not declared',
    'demo: tag status: value "Not OK" is not a lower-case tag-safe value',
    'demo: tag unused: declared but used by no metric',
    'demo: group empty: declares no metric',
  ]);
  expect(() => assertCatalog(broken)).toThrow(/^invalid metric catalog:\n {2}demo: group empty/);
});
