#!/usr/bin/env bash
# Compacting a project as its own step (issue 17, part 3): a fresh copy of
# SOURCE (schema 9), opened once by CLI (which upgrades it and no longer
# VACUUMs), then `errata-cli compact COPY`, timed, with the file's size
# after each step and when each phase started (errata-cli prints one line
# per phase when stderr is not a terminal). ROUNDS times.
# Usage: bench/compact.sh SOURCE.errata WORK_DIR CLI [ROUNDS]
set -euo pipefail
source=$1 work=$2 cli=$3 rounds=${4:-1}
mkdir -p "$work"
copy=$work/compact-bench.errata

stamp () {
  local start=$1
  while IFS= read -r line; do
    printf '  %6.1f s  %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"
  done
}

size () {
  ls -l "$copy" | awk '{ printf "%.1f MB", $5 / 1e6 }'
}

for round in $(seq "$rounds"); do
  rm -f "$copy" "$copy"-wal "$copy"-shm "$copy".v9*.bak
  cp "$source" "$copy"
  sync
  echo "== round $round: upgrade (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(date +%s.%N)
  { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M kB" \
      "$cli" eval finalize "$copy" no-such-evaluator 2>&1 >/dev/null || true; } | stamp "$start"
  echo "  file after the upgrade: $(size)"
  rm -f "$copy".v9*.bak
  sync
  echo "== round $round: compact (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(date +%s.%N)
  { /usr/bin/time -f "  wall %e s, user %U s, sys %S s, max RSS %M kB" \
      "$cli" compact "$copy" 2>&1 || true; } | stamp "$start"
  echo "  file after compacting: $(size)"
done
rm -f "$copy" "$copy"-wal "$copy"-shm "$copy".v9*.bak
