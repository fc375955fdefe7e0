#!/usr/bin/env bash
# `npm start`: installs what it needs (npm dependencies, the Temporal CLI into .tools/), builds, then
# runs `collectors dev`: the sandbox when there is no config file, else the worker and schedules of
# ./collectors.yaml or $COLLECTORS_CONFIG, for real (README.md, "Start here"). Arguments go to
# `collectors dev`, e.g. `npm start -- --sandbox` or `npm start -- --dry-run`.
#
# `exec`: the node process replaces this shell, so Ctrl-C and SIGTERM reach it directly; it drains the
# worker and stops the fakes and the Temporal dev server it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh
bash scripts/install-tools.sh temporal
npm run --silent build
exec node bin/collectors.js dev "$@"
