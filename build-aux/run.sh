#!/usr/bin/env bash
# Installs what is missing, builds Errata, and launches it from the build
# folder (no system install needed). Extra arguments go to errata.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
ninja -C _build

# Use the schemas and the demo project built into the build folder.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export ERRATA_DEMO_PROJECT="$PWD/_build/data/demo/demo.errata"
exec ./_build/src/gui/errata "$@"
