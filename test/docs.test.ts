import { registry } from '../src/collectors/registry';
import { staleDocs } from '../src/docs/generated';
import { projectRoot } from '../src/util/paths';

test('the generated blocks of the committed docs match the catalogs', () => {
  const stale = [...staleDocs(projectRoot(), registry).keys()];
  if (stale.length) {
    throw new Error(
      `stale generated docs in ${stale.join(', ')}: run \`npm run docs\` and commit the result`,
    );
  }
});
