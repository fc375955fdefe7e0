#!/usr/bin/env bash
# `npm test`: installs what the tests need, then type-check, lint, build and the whole jest suite.
# Extra arguments go to jest (e.g. `npm test -- test/catalog`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "Node.js"; bash scripts/install-tools.sh node
# The image's Node.js when install-tools put it in .tools/ (the machine's is too old, or CI asks for it):
# first in PATH for everything below, npm and npx included (they start with `#!/usr/bin/env node`).
if [ -x .tools/node/bin/node ]; then export PATH="$PWD/.tools/node/bin:$PATH"; fi
echo "Node.js $(node --version) runs the suite ($(command -v node))" >&2
step "dependencies"; bash scripts/ensure-deps.sh
step "tools (Temporal CLI, moto, helm, hadolint)"; bash scripts/install-tools.sh
step "type-check"; npx tsc -p tsconfig.json --noEmit
# One command per line: under `set -e` a failure on the left of `&&` would not stop the script.
step "lint"; npx eslint .
npx prettier --check . >/dev/null
step "build"; npm run --silent build
step "tests"
mkdir -p out
status=0
npx jest --json --outputFile=out/jest-results.json "$@" || status=$?
node scripts/print-test-summary.js out/jest-results.json || status=1
exit "$status"
