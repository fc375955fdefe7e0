/** bin/collectors.js in a checkout that was never built: a message that says what to run, not a stack trace. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('without dist/ it says to run npm run build, and exits 2', () => {
  // The project's bin/ and package.json, and no dist/.
  const dir = mkdtempSync(join(tmpdir(), 'collectors-unbuilt-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'collectors.js'), join(dir, 'bin', 'collectors.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'collectors.js'), '--help'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(
    `error: collectors is not built (${join(dir, 'dist')} is missing): run \`npm run build\` in ${dir} ` +
      '(`npm start` builds it for you)\n',
  );
  expect(r.status).toBe(2);
});
