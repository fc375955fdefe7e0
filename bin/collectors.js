#!/usr/bin/env node
// The built CLI (`npm run build` first; `npm start` does it for you).
require('../dist/src/cli.js')
  .main()
  .catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
