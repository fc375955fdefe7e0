#!/usr/bin/env bash
# `npm start`: installs what it needs (npm dependencies; Node.js when the machine's is too old, and
# the Temporal CLI, into .tools/), builds, then runs `collectors dev`: the sandbox when there is no
# config file, else the worker and schedules of ./collectors.yaml or $COLLECTORS_CONFIG, for real
# (README.md, "Start here"). Arguments go to `collectors dev`, e.g. `npm start -- --sandbox`.
#
# `exec`: the node process replaces this shell, so Ctrl-C and SIGTERM reach it directly; it drains the
# worker and stops the fakes and the Temporal dev server it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-tools.sh node
# The image's Node.js when install-tools put it in .tools/ (the machine's is too old): it runs npm, the
# build and the sandbox.
if [ -x .tools/node/bin/node ]; then export PATH="$PWD/.tools/node/bin:$PATH"; fi
bash scripts/ensure-deps.sh
bash scripts/install-tools.sh temporal
npm run --silent build
exec node bin/collectors.js dev "$@"
