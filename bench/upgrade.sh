#!/usr/bin/env bash
# The upgrade of a schema 9 project as errata-cli does it on open (issue
# 17, "scale"): a fresh copy of SOURCE each run, then `errata-cli eval
# finalize COPY no-such-evaluator`, which opens (upgrades) the project and
# stops at once. Prints wall, user and system time, and when each phase
# started (errata-cli prints one line per phase when stderr is not a
# terminal). Runs CLI_A and CLI_B in turn, ROUNDS times.
# Usage: bench/upgrade.sh SOURCE.errata WORK_DIR CLI_A CLI_B [ROUNDS]
set -euo pipefail
source=$1 work=$2 cli_a=$3 cli_b=$4 rounds=${5:-2}
mkdir -p "$work"
copy=$work/upgrade-bench.errata

stamp () {
  local start=$1
  while IFS= read -r line; do
    printf '  %6.1f s  %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"
  done
}

for round in $(seq "$rounds"); do
  for cli in "$cli_a" "$cli_b"; do
    rm -f "$copy" "$copy"-wal "$copy"-shm "$copy".v9*.bak
    cp "$source" "$copy"
    sync
    echo "== round $round: $cli (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s.%N)
    { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M kB" \
        "$cli" eval finalize "$copy" no-such-evaluator 2>&1 >/dev/null || true; } | stamp "$start"
    ls -l "$copy" | awk '{ printf "  file after: %.1f MB\n", $5 / 1e6 }'
  done
done
rm -f "$copy" "$copy"-wal "$copy"-shm "$copy".v9*.bak
