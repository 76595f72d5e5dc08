#!/usr/bin/env bash
# Runs one fuzz target: tests/fuzz/run-fuzz.sh BUILDDIR TARGET [SECONDS]
# (default 600). New inputs go to $WORKDIR/corpus/TARGET (the checked-in
# seeds in tests/fuzz/corpus/TARGET are read, never written), crash inputs
# to $WORKDIR/artifacts/TARGET/, the log to $WORKDIR/logs/TARGET.log.
# WORKDIR defaults to ./_fuzzwork. See tests/fuzz/README.md.
set -euo pipefail

builddir=${1:?usage: run-fuzz.sh BUILDDIR TARGET [SECONDS]}
target=${2:?usage: run-fuzz.sh BUILDDIR TARGET [SECONDS]}
seconds=${3:-600}
srcdir=$(cd "$(dirname "$0")" && pwd)
workdir=${WORKDIR:-_fuzzwork}

mkdir -p "$workdir/corpus/$target" "$workdir/artifacts/$target" "$workdir/logs"
# The project files each input makes live in RAM, not on the disk.
export TMPDIR=${TMPDIR:-/dev/shm}
# A run is slow enough without the symboliser on every leak check.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# The JSON targets start from the member names the code looks for.
args=()
case "$target" in
  import-*) args=(-dict="$srcdir/json.dict") ;;
  # Short seeds would cap the input length near their own size: allow
  # replies and Markdown as long as a real one.
  json-extract|llm-wire|json-parse) args=(-dict="$srcdir/json.dict" -max_len=8192) ;;
  markdown) args=(-max_len=8192) ;;
esac

# One process on one core: libFuzzer's default. (-jobs=1 -workers=1 would do
# the same in a child process that logs to ./fuzz-0.log instead.)
nice -n 10 "$builddir/tests/fuzz/fuzz-$target" \
  -max_total_time="$seconds" -timeout=10 \
  -print_final_stats=1 "${args[@]}" \
  -artifact_prefix="$workdir/artifacts/$target/" \
  "$workdir/corpus/$target" "$srcdir/corpus/$target" \
  2>&1 | tee "$workdir/logs/$target.log"
