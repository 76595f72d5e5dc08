#!/usr/bin/env bash
# The LLM client against the standalone mock server (loopback only):
#   1. 2,000 requests at 200 ms latency, concurrency 16 (ideal 25 s);
#   2. 20,000 requests at 0 ms latency, concurrency 16 (client overhead).
# Usage: bench/llm.sh [BUILD_DIR]   (default _build-bench, built as release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build-bench}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release >/dev/null
fi
ninja -C "$build" bench/errata-bench-llm tests/core/llm/errata-mock-llm >/dev/null

. bench/mock-llm.sh
trap stop_mock EXIT

run_case () {
  local latency=$1 n=$2 out
  out=$(mktemp)
  start_mock "$build/tests/core/llm/errata-mock-llm" "$out" --latency-ms "$latency"
  "$build/bench/errata-bench-llm" "$url" "$n" 16 "$latency" || true
  stop_mock
  rm -f "$out" "$out.err"
}

run_case 200 2000
run_case 0 20000
