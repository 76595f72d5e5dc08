#!/usr/bin/env bash
# How cost grows (issue 17, part 7): the same figures at each project size,
# with the ratio to the previous size, as one Markdown table.
#
#   bench/cost-table.sh measure LABEL PROJECT [BUILD_DIR]
#       measures what a project of that size costs and appends "LABEL KEY
#       VALUE" lines to $ERRATA_BENCH_DATA/cost/figures.txt (default bench/_data) (replacing LABEL's):
#       open + first page (warm, median of 7 processes), `errata-cli info`
#       peak RSS, file size, every query kind of `errata-bench search`
#       (median, warm; its counts too), and the metrics over a run of as
#       many stored verdicts as the project has traces (errata-bench-eval
#       --only metrics, a project of its own). Read only: PROJECT is opened
#       read-only.
#   bench/cost-table.sh add LABEL KEY VALUE
#       records a figure measured elsewhere (the import time from run.sh's
#       results, verdicts a second from bench/judge-throughput.sh).
#   bench/cost-table.sh table LABEL…
#       prints the table, the sizes as columns in the order given, each
#       figure with its ratio to the previous column.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cost=${ERRATA_BENCH_DATA:-$here/_data}/cost
figures=$cost/figures.txt
mkdir -p "$(dirname "$figures")"
touch "$figures"

record () {   # record LABEL KEY VALUE: replaces LABEL's KEY
  awk -v l="$1" -v k="$2" '!($1 == l && $2 == k)' "$figures" >"$figures.new"
  echo "$1 $2 $3" >>"$figures.new"
  mv "$figures.new" "$figures"
}

median () { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure () {
  local label=$1 project=$2 build=${3:-$top/_build-rel} n line
  [ -f "$build/build.ninja" ] || meson setup "$build" "$top" -Dbuildtype=release >/dev/null
  ninja -C "$build" bench/errata-bench bench/errata-bench-eval src/cli/errata-cli >/dev/null
  n=$(sqlite3 -readonly "$project" "SELECT count (*) FROM traces")
  record "$label" load-before "$(cut -d' ' -f1 /proc/loadavg)"
  record "$label" traces "$n"
  record "$label" file-mb "$(awk -v s="$(stat -c %s "$project")" 'BEGIN { printf "%.0f", s / 1e6 }')"

  : >"$cost/open.txt"
  for _ in 1 2 3 4 5 6 7; do
    "$build/bench/errata-bench" open "$project" >>"$cost/open.txt"
  done
  record "$label" open-ms "$(sed 's/.*open_ms=\([0-9.]*\).*/\1/' "$cost/open.txt" | median)"
  record "$label" first-page-ms "$(sed 's/.*first_page_ms=\([0-9.]*\).*/\1/' "$cost/open.txt" | median)"

  /usr/bin/time -o "$cost/time.out" -f "%M" "$build/src/cli/errata-cli" info "$project" >/dev/null
  record "$label" info-rss-mb "$(awk -v k="$(tail -n 1 "$cost/time.out")" 'BEGIN { printf "%.0f", k / 1024 }')"

  # Each query kind: "NAME median X ms … rows N  WHAT"
  "$build/bench/errata-bench" search "$project" --runs "${ERRATA_COST_RUNS:-9}" \
    >"$cost/search-$label.txt"
  while read -r line; do
    set -- $line
    [ "${2:-}" = median ] || continue
    record "$label" "q:$1" "$3"
  done <"$cost/search-$label.txt"

  # Metrics over as many stored verdicts as traces (a tenth labelled).
  "$build/bench/errata-bench-eval" --only metrics --verdicts "$n" --labels $((n / 10)) \
    >"$cost/metrics-$label.txt"
  record "$label" metrics-ms "$(sed -n 's/^  errata_eval_metrics_compute[^m]*median *\([0-9.]*\) ms.*/\1/p' \
                                  "$cost/metrics-$label.txt" | head -n 1)"
  record "$label" load-after "$(cut -d' ' -f1 /proc/loadavg)"
}

table () {
  python3 - "$figures" "$@" <<'PY'
import sys
path, labels = sys.argv[1], sys.argv[2:]
fig = {}
order = []
for line in open(path, encoding="utf-8"):
    parts = line.rstrip("\n").split(" ", 2)
    if len(parts) < 3:
        continue
    label, key, value = parts
    fig.setdefault(label, {})[key] = value
    if key not in order:
        order.append(key)
names = {
    "traces": "traces", "file-mb": "project file (MB)", "import-s": "import (s)",
    "import-per-s": "import (traces/s)", "import-cpu-s": "import CPU (s)", "open-ms": "open, warm (ms)",
    "first-page-ms": "open + first 100 rows, warm (ms)", "info-rss-mb": "`errata-cli info` peak RSS (MB)",
    "metrics-ms": "metrics over N stored verdicts (ms)", "judge-per-s": "judge run, 0 ms mock (verdicts/s)",
    "judge-rss-mb": "judge run peak RSS (MB)", "judge-cpu-ms": "judge run CPU per verdict (ms)",
    "load-before": "load average (before)", "load-after": "load average (after)",
}
preferred = ["traces", "file-mb", "import-s", "import-cpu-s", "import-per-s", "open-ms",
             "first-page-ms", "info-rss-mb"]
tail = ["metrics-ms", "judge-per-s", "judge-cpu-ms", "judge-rss-mb", "load-before", "load-after"]
order = ([k for k in preferred if k in order] + [k for k in order if k not in preferred + tail]
         + [k for k in tail if k in order])
def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None
print("| figure | " + " | ".join(labels) + " |")
print("|---|" + "---|" * len(labels))
for key in order:
    cells = []
    prev = None
    for label in labels:
        v = fig.get(label, {}).get(key)
        x = num(v)
        if v is None:
            cells.append("—")
        elif prev is not None and x is not None and prev > 0 and not key.startswith("load"):
            cells.append(f"{v} (×{x / prev:.2f})")
        else:
            cells.append(v)
        prev = x
    name = names.get(key, key[2:] + " (median ms)" if key.startswith("q:") else key)
    print(f"| {name} | " + " | ".join(cells) + " |")
PY
}

case ${1:-} in
  measure) shift; measure "$@" ;;
  add) shift; record "$1" "$2" "$3" ;;
  table) shift; table "$@" ;;
  *) echo "usage: $0 measure LABEL PROJECT [BUILD_DIR] | add LABEL KEY VALUE | table LABEL…" >&2; exit 2 ;;
esac
