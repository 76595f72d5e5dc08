#!/usr/bin/env bash
# Judge throughput (issue 17, part 5): `errata-cli eval run` of an LLM judge
# over N traces (default 100,000 of bench/generate-traces.py's) against the
# standalone mock server answering at once (0 ms), 16 in flight. Every
# second it samples the verdicts committed in the project file (a second,
# read-only connection) and errata-cli's RSS; prints the verdicts a second
# while judging (target >= 2,000), the whole run's time (the estimate
# included), CPU and peak RSS, and the RSS
# series (target: flat).
#
# Usage: bench/judge-throughput.sh [N] [LATENCY_MS] [BUILD_DIR]
#   default 100000, 0 ms, _build-rel (configured as a release build)
# Environment: ERRATA_BENCH_DATA: where run.sh keeps its data; its
# t100000-seed1.jsonl is used when N is 100000 (else traces are generated).
# ERRATA_BENCH_CLI: the errata-cli to measure (default: the build's).
# The imported project is kept in $ERRATA_BENCH_DATA/judge-N/ and copied for each
# run, so that every run starts from no verdicts and an empty reply cache.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
n=${1:-100000}
latency=${2:-0}
build=${3:-$top/_build-rel}
concurrency=16
data=${ERRATA_BENCH_DATA:-$here/_data}/judge-$n
shared=${ERRATA_BENCH_DATA:-$here/_data}
mkdir -p "$data"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/cli/errata-cli tests/core/llm/errata-mock-llm data/gschemas.compiled >/dev/null
# ERRATA_BENCH_CLI: another errata-cli to measure (a build of before a change)
cli=${ERRATA_BENCH_CLI:-$build/src/cli/errata-cli}
. "$here/mock-llm.sh"
trap stop_mock EXIT
load () { cut -d' ' -f1-3 /proc/loadavg; }

pristine=$data/pristine.errata
if [ ! -s "$pristine" ]; then
  source=$shared/t$n-seed1.jsonl
  if [ ! -s "$source" ]; then
    source=$data/traces.jsonl
    [ -s "$source" ] || python3 "$here/generate-traces.py" -n "$n" --seed 1 --id-prefix "c1-" -o "$source"
  fi
  rm -f "$pristine.part"
  "$cli" new "$pristine.part" >/dev/null
  echo "importing $source (once) …"
  "$cli" import "$pristine.part" "$source" >/dev/null
  printf '{"name": "Unsupported fact", "target": "overall", "kind": "judge", "definition": {"concurrency": %d, "model": "gpt-4o-mini"}}\n' \
    "$concurrency" >"$data/judge.json"
  "$cli" eval import "$pristine.part" "$data/judge.json" >/dev/null
  sqlite3 "$pristine.part" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  mv "$pristine.part" "$pristine"
fi

cat >"$data/replies.jsonl" <<'EOF'
{"json": {"reasoning": "The assistant answers what the user asked and the tool results agree with it.", "verdict": "pass"}}
{"json": {"reasoning": "The assistant states an order status that no tool result supports.", "verdict": "fail"}}
EOF
settings=$data/config
mkdir -p "$settings/glib-2.0/settings"
printf '[io/github/errata/Errata]\nllm-concurrency=uint32 %d\n' "$concurrency" \
  >"$settings/glib-2.0/settings/keyfile"

project=$data/run.errata
rm -f "$project" "$project-wal" "$project-shm"
cp "$pristine" "$project"

start_mock "$build/tests/core/llm/errata-mock-llm" "$data/mock.out" --latency-ms "$latency" \
  --replies "$data/replies.jsonl"

echo "Judge throughput: $n traces, mock latency $latency ms, concurrency $concurrency," \
     "$(nproc) cores, build $(basename "$build"); load average before: $(load)"
GSETTINGS_SCHEMA_DIR=$build/data GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$settings \
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" \
  "$cli" eval run "$project" "Unsupported fact" --on all \
    --provider custom --base-url "$url/v1" --model gpt-4o-mini >"$data/run.txt" 2>&1 &
run=$!
child=
for _ in $(seq 100); do
  child=$(pgrep -P "$run" | head -n 1) && [ -n "$child" ] && break
  sleep 0.05
done
t0=$(date +%s.%N)
: >"$data/samples.txt"
while kill -0 "$run" 2>/dev/null; do
  sleep 1
  rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$child/status" 2>/dev/null || true)
  [ -n "$rss" ] || break
  count=$(sqlite3 -readonly "$project" "SELECT count (*) FROM verdicts" 2>/dev/null || echo "")
  echo "$(echo "$(date +%s.%N) - $t0" | bc) ${count:-?} $rss $(cut -d' ' -f1 /proc/loadavg)" >>"$data/samples.txt"
done
wait "$run" || { echo "errata-cli eval run failed:" >&2; cat "$data/run.txt" >&2; exit 1; }
stop_mock
read -r wall user sys rss <"$data/time.txt"
stored=$(sqlite3 -readonly "$project" "SELECT count (*) FROM verdicts")
tail -n 2 "$data/run.txt" | sed 's/^/  /'
echo "  mock: $(mock_summary "$data/mock.out"); verdicts stored: $stored; load average after: $(load)"

# Judging: from the last sample without a verdict to the first with all of
# them (whole seconds of sampling: the figure errs low).
awk -v n="$n" -v wall="$wall" -v cpu="$(echo "$user + $sys" | bc)" -v peak="$rss" '
  $2 != "?" { t[NR] = $1; c[NR] = $2; r[NR] = $3; l[NR] = $4; last = NR }
  END {
    for (i = 1; i <= last; i++) { if (c[i] == 0) start = i; if (c[i] >= n && !end) end = i }
    if (!end) end = last
    t_start = start ? t[start] : 0
    judged = c[end] - (start ? c[start] : 0)
    rate = judged / (t[end] - t_start)
    printf "  whole run: %.1f s wall (%.0f verdicts/s), %.1f s CPU (%.2f ms a verdict), peak RSS %.0f MB\n",
           wall, n / wall, cpu, cpu * 1000 / n, peak / 1024
    printf "  judging (first verdict to last, sampled each second): %d verdicts in %.1f s = %.0f verdicts/s committed (target >= 2,000: %s)\n",
           judged, t[end] - t_start, rate, (rate >= 2000 ? "met" : "MISSED")
    lo = 1e9; hi = 0
    for (i = start + 1; i <= end; i++) { if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
    printf "  RSS while judging: %.1f to %.1f MB (at 10%%/50%%/100%% of the verdicts: ", lo, hi
    for (q = 1; q <= 3; q++) {
      want = (q == 1 ? 0.1 : q == 2 ? 0.5 : 1.0) * n
      for (i = 1; i <= last; i++) if (c[i] >= want) { printf "%s%.1f", (q > 1 ? " / " : ""), r[i]; break }
    }
    printf " MB)\n  load average during the run: %s to %s\n", l[1], l[last]
  }' "$data/samples.txt"
echo "  samples (seconds, verdicts, RSS MB, load): $data/samples.txt"
