#!/usr/bin/env node
// The built CLI (`npm run build` first; `npm start` does it for you).

// On a Node.js older than package.json's engines the CLI would fail later, somewhere inside and
// unclearly; this file's own syntax stays old enough to get as far as saying so.
const engines = require('../package.json').engines.node;
const minimum = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines);
if (minimum && older(process.versions.node, minimum[1])) {
  process.stderr.write(
    `error: collectors needs Node.js ${minimum[1]} or newer (package.json engines "${engines}"); ` +
      `this is Node.js ${process.versions.node} (${process.execPath}).\n` +
      `Put Node.js ${minimum[1]} or newer first on PATH. In a checkout, npm start and npm test install ` +
      `the image's Node.js into .tools/node/bin and use it when the machine's is older.\n`,
  );
  process.exit(2);
}

/** Whether version `have` (x.y.z) comes before `want` (x, x.y or x.y.z). */
function older(have, want) {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) < (b[i] || 0);
  return false;
}

// A checkout that was never built has no dist/: say what to run rather than print a stack trace.
let cli;
try {
  cli = require('../dist/src/cli.js');
} catch (err) {
  const root = require('node:path').join(__dirname, '..');
  if (err && err.code === 'MODULE_NOT_FOUND' && !require('node:fs').existsSync(`${root}/dist/src/cli.js`)) {
    process.stderr.write(
      `error: collectors is not built (${root}/dist is missing): run \`npm run build\` in ${root} ` +
        '(`npm start` builds it for you)\n',
    );
    process.exit(2);
  }
  throw err;
}

cli.main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
