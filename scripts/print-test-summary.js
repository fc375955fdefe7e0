// Prints jest's totals as one plain closing line ("N passed, N failed, N skipped"), and fails when
// no test ran at all: an empty run is never a green one.
const fs = require('node:fs');
const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no jest results at ${file}: jest did not run`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(
  `${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${skipped} skipped`,
);
if (r.numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
if (skipped > 0) {
  console.error(`${skipped} test(s) skipped: the suite must not skip tests`);
  process.exit(1);
}
process.exit(r.success ? 0 : 1);
