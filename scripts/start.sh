#!/usr/bin/env bash
# `npm start`: installs what it needs, builds, and runs a worker for ./collectors.yaml (or
# $COLLECTORS_CONFIG). When TEMPORAL_ADDRESS is not set it first starts a local Temporal dev server
# (Web UI on http://localhost:8233, state in .temporal/) and stops it on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh
bash scripts/install-tools.sh temporal
npm run --silent build

config="${COLLECTORS_CONFIG:-collectors.yaml}"
if [ ! -f "$config" ]; then
  cat >&2 <<MSG

No config file at $config. Write one (see README.md, "Configure"), or point COLLECTORS_CONFIG at
one, then run npm start again. The implemented collectors:

MSG
  node bin/collectors.js list
  exit 0
fi

args=(worker --config "$config")
if [ -z "${DD_API_KEY:-}" ] && [ "${SECRETS_BACKEND:-env}" != "aws" ]; then
  echo "[start] DD_API_KEY is not set: running with --dry-run (points are printed, not sent)" >&2
  args+=(--dry-run)
fi

if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  mkdir -p .temporal
  port="${TEMPORAL_PORT:-7233}"
  ui_port="${TEMPORAL_UI_PORT:-8233}"
  echo "[start] starting the Temporal dev server on localhost:$port (Web UI http://localhost:$ui_port)" >&2
  .tools/bin/temporal server start-dev --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" \
    --db-filename .temporal/dev.sqlite --log-level warn >.temporal/server.log 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT INT TERM
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { echo "[start] the dev server exited; see .temporal/server.log" >&2; exit 1; }
    sleep 0.2
  done
  export TEMPORAL_ADDRESS="127.0.0.1:$port"
fi

node bin/collectors.js "${args[@]}"
