#!/usr/bin/env bash
# Runs the whole test suite N times (default 3) on a starved machine, to
# find tests that only pass on a fast, idle one:
#
#   - the same build and the same run as build-aux/test.sh (meson test
#     under dbus-run-session and xvfb-run, in _build-test);
#   - every run pinned to one core (taskset -c 0), with a busy loop of our
#     own on that same core, so the tests get half of one core at best;
#   - a fresh random MALLOC_PERTURB_ per run (meson test picks one itself
#     only when the environment has none), printed so that a failure can be
#     replayed: MALLOC_PERTURB_=SEED build-aux/test.sh.
#
# Stops at the first failing run, printing its number, its seed and the
# tests that failed; ends with "N passed, N failed" counting runs.
#
#   build-aux/stress-tests.sh [N]
#
# STRESS_CORE picks another core than 0; STRESS_TIMEOUT_MULTIPLIER is
# passed to meson test as --timeout-multiplier (default 1: a test that
# times out on a busy core is a finding too).
set -uo pipefail
# Background jobs in process groups of their own, so that stopping one
# stops everything it started.
set -m
cd "$(dirname "$0")/.."

runs=${1:-3}
core=${STRESS_CORE:-0}
multiplier=${STRESS_TIMEOUT_MULTIPLIER:-1}
builddir=_build-test

if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]  (N, the number of runs, is a positive integer; got '$runs')" >&2
  exit 2
fi

bash build-aux/install-deps.sh || exit 1
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" || exit 1
fi
# Built once: every run tests the same binaries, whatever happens to the
# source tree meanwhile.
ninja -C "$builddir" || exit 1

hog_pid=""
suite_pid=""
stop_all () {
  # Each is the leader of its own process group (set -m): the group goes,
  # with dbus-run-session's, xvfb-run's and meson's children.
  for pid in $suite_pid $hog_pid; do
    kill -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  suite_pid=""
  hog_pid=""
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

taskset -c "$core" bash -c 'while :; do :; done' &
hog_pid=$!
echo "CPU hog: pid $hog_pid on core $core"

# Prints the tests of a meson test log that did not pass or skip.
failed_tests () {
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1]) as log:
    for line in log:
        entry = json.loads(line)
        if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP"):
            print(f"  {entry.get('name')}: {entry.get('result')} "
                  f"({entry.get('duration', 0):.1f} s)")
PY
}

passed=0
failed=0
for run in $(seq 1 "$runs"); do
  # 1..255: 0 would turn MALLOC_PERTURB_ off.
  seed=$(( (RANDOM % 255) + 1 ))
  logbase="stress-run$run"
  echo
  echo "=== run $run of $runs: MALLOC_PERTURB_=$seed, pinned to core $core beside the hog ==="
  start=$(date +%s)
  # In the background, so that a TERM sent to this script stops it at once
  # (bash runs traps only between commands, not while one runs).
  MALLOC_PERTURB_=$seed taskset -c "$core" \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
    meson test -C "$builddir" --no-rebuild --print-errorlogs --num-processes 2 \
      --timeout-multiplier "$multiplier" --logbase "$logbase" &
  suite_pid=$!
  wait "$suite_pid"
  status=$?
  suite_pid=""
  elapsed=$(( $(date +%s) - start ))
  if [ $status -eq 0 ]; then
    passed=$((passed + 1))
    echo "=== run $run passed in ${elapsed} s (MALLOC_PERTURB_=$seed) ==="
  else
    failed=$((failed + 1))
    echo "=== run $run FAILED in ${elapsed} s (MALLOC_PERTURB_=$seed); failing tests:"
    failed_tests "$builddir/meson-logs/$logbase.json"
    echo "Replay: MALLOC_PERTURB_=$seed taskset -c $core meson test -C $builddir TEST"
    echo "Log: $builddir/meson-logs/$logbase.txt"
    break
  fi
done

echo
echo "$passed passed, $failed failed (runs of the whole suite; $runs asked)"
[ $failed -eq 0 ]
