#!/bin/bash
# bench/run.sh [--quick] [--no-1m] [--import-only] [--no-gui] [--no-judge]
#              [--no-batch] [--no-cost]: builds, generates traces, runs every
# Errata benchmark of issue 17 ("scale") and prints each figure with its
# target (see bench/README.md).
#
#   --quick   1k and 10k traces, no million-trace project, small GUI, judge
#             and batch runs (a few minutes)
#   --no-1m   the full 10k and 100k figures, without the 1M project (the
#             GUI, judge and batch figures then run on the 100k project)
#   --import-only  with either: only the import vs floor figures (no 1M
#             project, no open, RSS or query figures)
#   --no-gui, --no-judge, --no-batch, --no-cost  leave out the GUI
#             (bench/gui-1m.sh), the judge runs (bench/judge-vs-promptfoo.sh,
#             bench/judge-throughput.sh), the Batch API run (bench/batch.sh)
#             or the table of how cost grows (bench/cost-table.sh)
#
# The 1M project is the 100k one plus nine more files of 100k imported in
# turn; the floor gets the same nine files appended in turn by the sqlite3
# shell, so that the 1M ratio compares the same work. ERRATA_BENCH_CHUNKS
# (default 10) sets how many files make the big project (with --quick and
# ERRATA_BENCH_BIG=1, ten files of 10k: the plumbing without the hours).
#
# Environment: ERRATA_BENCH_BUILD_DIR (default: _build-bench, a release
# build), ERRATA_BENCH_DATA (default: bench/_data), ERRATA_BENCH_NO_BUILD=1
# to use the build as it is (meson test does).
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${ERRATA_BENCH_BUILD_DIR:-$top/_build-bench}
data=${ERRATA_BENCH_DATA:-$here/_data}
quick=0
big=1
import_only=0
gui=1 judge=1 batch=1 cost=1
for arg in "$@"; do
  case $arg in
    --quick) quick=1; big=${ERRATA_BENCH_BIG:-0} ;;
    --no-1m) big=0 ;;
    --import-only) import_only=1; big=0 ;;
    --no-gui) gui=0 ;;
    --no-judge) judge=0 ;;
    --no-batch) batch=0 ;;
    --no-cost) cost=0 ;;
    *) echo "usage: $0 [--quick] [--no-1m] [--import-only] [--no-gui] [--no-judge] [--no-batch] [--no-cost]" >&2
       exit 2 ;;
  esac
done

if [ "$quick" = 1 ]; then
  small=1000 mid=10000 runs=15
else
  small=10000 mid=100000 runs=50
fi
chunks=${ERRATA_BENCH_CHUNKS:-10}   # the big project: the mid file, then more files of $mid traces
big_n=$((mid * chunks))
big_label=$([ "$big_n" -ge 1000000 ] && echo "$((big_n / 1000000))M" || echo "$((big_n / 1000))k")

if [ -z "${ERRATA_BENCH_NO_BUILD:-}" ]; then
  [ -f "$build/build.ninja" ] || meson setup "$build" "$top" -Dbuildtype=release >/dev/null
  ninja -C "$build" bench/errata-bench src/cli/errata-cli >/dev/null
fi
cli=$build/src/cli/errata-cli
bench=$build/bench/errata-bench
mkdir -p "$data"
results=$data/results-$(date +%Y%m%d-%H%M%S).txt
run_start=$(date +%s)

say () { echo "$*" | tee -a "$results"; }

now_ns () { date +%s%N; }

# seconds between two now_ns readings, 3 decimals
elapsed () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }

file_mb () { awk -v s="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", s / 1e6 }'; }

# median of the numbers on stdin
median () { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

generate () {   # generate N SEED PREFIX OUT [FLOOR_CSV]
  local n=$1 seed=$2 prefix=$3 out=$4 floor=${5:-}
  if [ -s "$out" ] && { [ -z "$floor" ] || [ -s "$floor" ]; }; then
    return
  fi
  python3 "$here/generate-traces.py" -n "$n" --seed "$seed" --id-prefix "$prefix" \
    -o "$out.part" ${floor:+--floor "$floor.part"}
  mv "$out.part" "$out"
  [ -z "$floor" ] || mv "$floor.part" "$floor"
}

# import_file PROJECT FILE LABEL: times `errata-cli import`: wall clock,
# CPU (user + system: less sensitive to other load on the machine) and
# peak RSS; leaves "wall cpu" in $data/last-seconds
import_file () {
  local project=$1 file=$2 label=$3 n t0 t1 secs cpu rss
  n=$(wc -l < "$file")
  t0=$(now_ns)
  /usr/bin/time -o "$data/time.out" -f "%U %S %M" "$cli" import "$project" "$file" >"$data/import.log"
  t1=$(now_ns)
  secs=$(elapsed "$t0" "$t1")
  read -r cpu rss < <(tail -n 1 "$data/time.out" | awk '{ print $1 + $2, $3 }')
  say "$(awk -v l="$label" -v n="$n" -v s="$secs" -v c="$cpu" -v mb="$(file_mb "$file")" -v r="$rss" \
    'BEGIN { printf "%-24s %7d traces %6.1f MB %7.2f s (CPU %6.2f s) %6.0f traces/s %5.1f MB/s  peak RSS %d MB\n",
             l, n, mb, s, c, n / s, mb / s, r / 1024 }')"
  echo "$secs $cpu" > "$data/last-seconds"
}

# floor PROJECT CSV N [APPEND]: the plain sqlite3 shell into a fresh
# project, or with APPEND=1 appended to PROJECT as its next import; leaves
# "wall cpu" in $data/last-seconds
floor () {
  local project=$1 csv=$2 n=$3 append=${4:-0} t0 t1 secs cpu count offset=0 import=1
  if [ "$append" = 1 ]; then
    offset=$(sqlite3 "$project" "SELECT coalesce (max (id), 0) FROM traces")
    import=$(sqlite3 "$project" "SELECT coalesce (max (id), 0) + 1 FROM imports")
  else
    rm -f "$project" "$project-wal" "$project-shm"
    "$cli" new "$project" >/dev/null
  fi
  sed -e "s#@CSV@#$csv#" -e "s#@OFFSET@#$offset#g" -e "s#@IMPORT@#$import#g" \
    "$here/floor.sql" > "$data/floor-run.sql"
  t0=$(now_ns)
  /usr/bin/time -o "$data/time.out" -f "%U %S" sqlite3 "$project" < "$data/floor-run.sql" >/dev/null
  t1=$(now_ns)
  secs=$(elapsed "$t0" "$t1")
  cpu=$(tail -n 1 "$data/time.out" | awk '{ print $1 + $2 }')
  count=$(sqlite3 "$project" "SELECT count(*) FROM traces")
  [ "$count" = "$((offset + n))" ] || { echo "floor holds $count rows, expected $((offset + n))" >&2; exit 1; }
  echo "$secs $cpu" > "$data/last-seconds"
}

open_figures () {   # open_figures PROJECT LABEL
  local project=$1 label=$2 mode line
  for mode in warm cold; do
    : > "$data/open.txt"
    for _ in 1 2 3 4 5 6 7; do
      line=$("$bench" open "$project" $([ "$mode" = cold ] && echo --cold))
      echo "$line" >> "$data/open.txt"
    done
    say "$(printf '%-10s %-5s open %7.1f ms   open + first 100 rows %7.1f ms   (median of 7 processes)' \
      "$label" "$mode" \
      "$(sed 's/.*open_ms=\([0-9.]*\).*/\1/' "$data/open.txt" | median)" \
      "$(sed 's/.*first_page_ms=\([0-9.]*\).*/\1/' "$data/open.txt" | median)")"
  done
}

info_rss () {   # info_rss PROJECT LABEL
  /usr/bin/time -o "$data/time.out" -f "%M" "$cli" info "$1" >/dev/null
  say "$(printf '%-10s errata-cli info peak RSS %6.1f MB   (project file %s MB)' "$2" \
    "$(awk -v k="$(tail -n 1 "$data/time.out")" 'BEGIN { print k / 1024 }')" "$(file_mb "$1")")"
}

say "Errata benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m)," \
    "sqlite $(sqlite3 --version | cut -d' ' -f1), build $(basename "$build")" \
    "($(meson introspect --buildoptions "$build" 2>/dev/null \
        | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"))' \
        2>/dev/null || echo unknown))"

say "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
say "== Generating traces (seeded, bench/_data) =="
t0=$(now_ns)
# The seed is in the name: --quick and the full run share sizes, not seeds.
small_data=$data/t$small-seed101 mid_data=$data/t$mid-seed1
generate "$small" 101 "s-" "$small_data.jsonl" "$small_data.csv"
generate "$mid" 1 "c1-" "$mid_data.jsonl" "$mid_data.csv"
say "$small and $mid traces: $(file_mb "$small_data.jsonl") MB and $(file_mb "$mid_data.jsonl") MB of JSONL ($(elapsed "$t0" "$(now_ns)") s)"

declare -A best_wall best_cpu   # by size: Errata's best import, for the cost table
say ""
say "== Import vs the floor: errata-cli import, then the plain sqlite3 shell =="
say "(each into a new project; runs alternate so that other load on the machine hits both alike)"
for n in "$small" "$mid"; do
  reps=$([ "$n" = "$small" ] && echo 3 || echo 2)
  src=$([ "$n" = "$small" ] && echo "$small_data" || echo "$mid_data")
  : > "$data/errata-times"; : > "$data/floor-times"; : > "$data/pair-ratios"
  for rep in $(seq "$reps"); do
    p=$data/p$n.errata
    rm -f "$p" "$p-wal" "$p-shm"
    "$cli" new "$p" >/dev/null
    import_file "$p" "$src.jsonl" "import $n (run $rep)"
    cat "$data/last-seconds" >> "$data/errata-times"
    got=$("$cli" info "$p" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["traces"])')
    [ "$got" = "$n" ] || { echo "import kept $got traces, expected $n" >&2; exit 1; }
    read -r pw _ < "$data/last-seconds"
    floor "$data/floor$n.errata" "$src.csv" "$n"
    cat "$data/last-seconds" >> "$data/floor-times"
    # The pair ran back to back: under other load its ratio is steadier
    # than the best of each side.
    awk -v e="$pw" '{ print e / $1 }' "$data/last-seconds" >> "$data/pair-ratios"
    say "$(awk -v l="floor $n (run $rep)" -v n="$n" -v e="$pw" -v la="$(cut -d' ' -f1 /proc/loadavg)" '{ printf "%-24s %7d traces %14.2f s (CPU %6.2f s) %6.0f traces/s   this pair %.2fx, load %s\n", l, n, $1, $2, n / $1, e / $1, la }' "$data/last-seconds")"
  done
  # Best of the runs: the one least disturbed by anything else running.
  read -r ew ec < <(sort -g "$data/errata-times" | head -n 1)
  read -r fw fc < <(sort -g "$data/floor-times" | head -n 1)
  best_wall[$n]=$ew best_cpu[$n]=$ec
  say "$(awk -v n="$n" -v r="$reps" -v ew="$ew" -v ec="$ec" -v fw="$fw" -v fc="$fc" \
           -v mb="$(file_mb "$src.jsonl")" \
    'BEGIN { printf "=> %d traces, best of %d: Errata %.2f s = %.0f traces/s, %.1f MB/s; floor %.2f s = %.0f traces/s; Errata/floor %.2fx wall, %.2fx CPU (target <= 1.2x wall)\n",
             n, r, ew, n / ew, mb / ew, fw, n / fw, ew / fw, ec / fc }')"
  say "   median of the $reps pairs' wall ratios: $(median < "$data/pair-ratios" | awk '{ printf "%.2fx", $1 }'), load average now $(cut -d' ' -f1-3 /proc/loadavg)"
done

if [ "$import_only" = 1 ]; then
  rm -f "$data/floor$small.errata" "$data/floor$mid.errata"
  say ""
  say "Total run time: $(( $(date +%s) - run_start )) s. Figures saved in $results"
  exit 0
fi
rm -f "$data/floor$small.errata"
big_project=$data/p$(echo "$big_label" | tr M m).errata

# big_import: the mid project and the floor's, each with the other files
# appended in turn, Errata's import then the floor's, file by file.
big_import () {
  local floor_project=$data/floor-big.errata k chunk ew=0 ec=0 fw=0 fc=0 w c file_wall
  rm -f "$big_project" "$big_project-wal" "$big_project-shm" "$floor_project"*
  cp "$data/p$mid.errata" "$big_project"
  cp "$data/floor$mid.errata" "$floor_project"
  for k in $(seq 2 "$chunks"); do
    chunk=$data/t$mid-seed$k
    generate "$mid" "$k" "c$k-" "$chunk.jsonl" "$chunk.csv"
    import_file "$big_project" "$chunk.jsonl" "file $k ($((k * mid / 1000))k)"
    read -r w c < "$data/last-seconds"
    file_wall=$w
    ew=$(awk -v a="$ew" -v b="$w" 'BEGIN { print a + b }') ec=$(awk -v a="$ec" -v b="$c" 'BEGIN { print a + b }')
    floor "$floor_project" "$chunk.csv" "$mid" 1
    read -r w c < "$data/last-seconds"
    fw=$(awk -v a="$fw" -v b="$w" 'BEGIN { print a + b }') fc=$(awk -v a="$fc" -v b="$c" 'BEGIN { print a + b }')
    say "$(printf '%-24s %7d traces %14.2f s (CPU %6.2f s)   this pair %.2fx, load %s' "floor $k" "$mid" "$w" "$c" \
      "$(awk -v e="$file_wall" -v f="$w" 'BEGIN { print (f > 0 ? e / f : 0) }')" \
      "$(cut -d' ' -f1 /proc/loadavg)")"
    rm -f "$chunk.jsonl" "$chunk.csv"
  done
  rm -f "$floor_project"*
  say "$(awk -v n="$(( mid * (chunks - 1) ))" -v ew="$ew" -v ec="$ec" -v fw="$fw" -v fc="$fc" \
    'BEGIN { printf "=> the %d traces added: Errata %.2f s (CPU %.2f s), floor %.2f s (CPU %.2f s): Errata/floor %.2fx wall, %.2fx CPU (target <= 1.1x wall at 1M)\n",
             n, ew, ec, fw, fc, ew / fw, ec / fc }')"
  best_wall[$big_n]=$(awk -v a="$ew" -v b="${best_wall[$mid]}" 'BEGIN { print a + b }')
  best_cpu[$big_n]=$(awk -v a="$ec" -v b="${best_cpu[$mid]}" 'BEGIN { print a + b }')
}

if [ "$big" = 1 ]; then
  say ""
  say "== The $big_label project: the $mid-trace project plus $((chunks - 1)) more files of $mid, against the floor =="
  if [ "$(sqlite3 "$big_project" 'SELECT count(*) FROM traces' 2>/dev/null || echo 0)" != "$big_n" ]; then
    big_import
  else
    say "(already built: $big_project; delete it to measure its import again)"
  fi
fi
rm -f "$data/floor$mid.errata"

say ""
say "== Open + first page, a fresh process each time =="
say "(warm: the file is in the page cache; cold: its pages were dropped with posix_fadvise first)"
open_figures "$data/p$mid.errata" "$((mid / 1000))k"
[ "$big" = 1 ] && open_figures "$big_project" "$big_label"

say ""
say "== Peak RSS =="
info_rss "$data/p$mid.errata" "$((mid / 1000))k"
[ "$big" = 1 ] && info_rss "$big_project" "$big_label"

say ""
say "== File size per part (errata-cli info), against the JSONL it came from =="
size_parts () {   # size_parts PROJECT JSONL_MB LABEL
  "$cli" info "$1" --json | python3 -c '
import json, sys
s = json.load(sys.stdin)["sizes"]
src, label = float(sys.argv[1]), sys.argv[2]
parts = ", ".join("%s %.1f" % (k, v / 1e6) for k, v in s.items() if k != "total")
print("%-6s %.1f MB = %.2fx the JSONL (%.1f MB; target <= 1.3x at 1M); MB per part: %s" % (label, s["total"] / 1e6, s["total"] / 1e6 / src, src, parts))' \
    "$2" "$3" | tee -a "$results"
}
size_parts "$data/p$mid.errata" "$(file_mb "$mid_data.jsonl")" "$((mid / 1000))k"
[ "$big" = 1 ] && size_parts "$big_project" "$(awk -v m="$(file_mb "$mid_data.jsonl")" -v c="$chunks" 'BEGIN { printf "%.1f", m * c }')" "$big_label"

say ""
say "== Queries through the core API, pages of 100 =="
"$bench" search "$data/p$mid.errata" --runs "$runs" | tee -a "$results"
if [ "$big" = 1 ]; then
  say ""
  "$bench" search "$big_project" --runs "$runs" --deep $((big_n / 2)) | tee -a "$results"
fi

say ""
say "== Metadata filters: the side table against the JSON scan it replaced =="
say "(the same project; the scan is what a metadata filter cost before schema version 7)"
# From schema version 10 metadata over 256 bytes is stored zstd-packed,
# which the plain shell cannot read: on such a project the scan skips
# those rows and undercounts its own cost.
say "(schema 10 packs metadata over 256 bytes: the shell's scan then skips those rows)"
meta_reference () {   # meta_reference PROJECT LABEL
  local project=$1 label=$2 scan size
  scan=$(printf '.timer on\nSELECT count(*) FROM traces WHERE CAST (json_extract (CASE WHEN json_valid (metadata) THEN metadata END, %s) AS TEXT) = %s;\n' \
           "'\$.\"user_id\"'" "'user_000042'" | sqlite3 "$project" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p')
  size=$(sqlite3 "$project" "SELECT round (sum (pgsize) / 1e6, 1) FROM dbstat WHERE name LIKE 'trace_meta%'" 2>/dev/null || echo "?")
  say "$(printf '%-6s JSON scan for user_id = user_000042: %6.0f ms   trace_meta + its index: %s MB of %s MB' \
    "$label" "$(awk -v s="$scan" 'BEGIN { print s * 1000 }')" "$size" "$(file_mb "$project")")"
}
meta_reference "$data/p$mid.errata" "$((mid / 1000))k"
[ "$big" = 1 ] && meta_reference "$big_project" "$big_label"

biggest=$([ "$big" = 1 ] && echo "$big_project" || echo "$data/p$mid.errata")
biggest_label=$([ "$big" = 1 ] && echo "$big_label" || echo "$((mid / 1000))k")
export ERRATA_BENCH_BUILD_DIR=$build ERRATA_BENCH_DATA=$data

if [ "$gui" = 1 ]; then
  say ""
  say "== The GUI on the $biggest_label project (bench/gui-1m.sh, under Xvfb) =="
  GUI_1M_PAGES=${GUI_1M_PAGES:-$([ "$quick" = 1 ] && echo 100 || echo 1000)} \
  GUI_1M_PRESSES=${GUI_1M_PRESSES:-$([ "$quick" = 1 ] && echo 0 || echo 10000)} \
    "$here/gui-1m.sh" "$biggest" 2>&1 | tee -a "$results"
fi

if [ "$judge" = 1 ]; then
  say ""
  say "== Judge runs: 2,000 traces at 200 ms against promptfoo, then $mid at 0 ms =="
  "$here/judge-vs-promptfoo.sh" 2000 200 "$build" 2>&1 | tee -a "$results"
  "$here/judge-throughput.sh" "$mid" 0 "$build" 2>&1 | tee "$data/judge-throughput.txt" | tee -a "$results"
fi

if [ "$batch" = 1 ]; then
  batch_n=$([ "$quick" = 1 ] && echo 10000 || { [ "$big" = 1 ] && echo 1000000 || echo 100000; })
  say ""
  say "== A judge run of $batch_n requests through the mock Batch API (bench/batch.sh) =="
  "$here/batch.sh" "$batch_n" "$build" 2>&1 | tee -a "$results"
fi

if [ "$cost" = 1 ]; then
  say ""
  say "== How cost grows (bench/cost-table.sh; ratios to the previous column) =="
  labels=()
  for n in "$small" "$mid" $([ "$big" = 1 ] && echo "$big_n"); do
    label=$([ "$n" = "$big_n" ] && echo "$big_label" || echo "$((n / 1000))k")
    project=$([ "$n" = "$big_n" ] && echo "$big_project" || echo "$data/p$n.errata")
    [ -f "$project" ] || continue
    "$here/cost-table.sh" measure "$label" "$project" "$build"
    if [ -n "${best_wall[$n]:-}" ]; then
      "$here/cost-table.sh" add "$label" import-s "${best_wall[$n]}"
      "$here/cost-table.sh" add "$label" import-cpu-s "${best_cpu[$n]}"
      "$here/cost-table.sh" add "$label" import-per-s "$(awk -v n="$n" -v w="${best_wall[$n]}" 'BEGIN { printf "%.0f", n / w }')"
    fi
    labels+=("$label")
  done
  per_s=$(sed -n 's/.* = \([0-9]*\) verdicts\/s committed.*/\1/p' "$data/judge-throughput.txt" 2>/dev/null | tail -n 1)
  [ -z "$per_s" ] || "$here/cost-table.sh" add "$((mid / 1000))k" judge-per-s "$per_s"
  "$here/cost-table.sh" table "${labels[@]}" | tee -a "$results"
fi

say ""
say "Total run time: $(( $(date +%s) - run_start )) s. Figures saved in $results"
