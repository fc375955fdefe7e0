// `node -r ./test/cli/record-modules.js bin/collectors.js …`: bin/collectors.js runs the TypeScript
// sources instead of dist/ (no build needed), and at exit the path of every CommonJS module the process
// loaded is written, one a line, to the file named by $RECORD_MODULES.
const { writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
require('../support/swc-register');

const root = join(__dirname, '..', '..');
const load = Module.prototype.require;
Module.prototype.require = function (id) {
  return load.call(this, id.endsWith('dist/src/cli.js') ? join(root, 'src', 'cli.ts') : id);
};
process.on('exit', () => writeFileSync(process.env.RECORD_MODULES, Object.keys(require.cache).join('\n')));
