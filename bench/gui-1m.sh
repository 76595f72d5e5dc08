#!/bin/bash
# bench/gui-1m.sh [PROJECT]: the GUI on a big project (issue 17, part 4),
# under Xvfb on a release build (bench/gui-1m.c says what each figure is).
#
# PROJECT (default: $ERRATA_BENCH_DATA/p1m.errata, the 1M project that
# bench/run.sh leaves) is never written to: it is copied to
# $ERRATA_BENCH_DATA/gui-1m.errata, into which 1,000 traces of 30 messages
# with tool calls and Markdown (bench/rich-traces.py) are imported; the
# copy is made again only when PROJECT is newer. Then:
#   - five runs of the first frame, each a new process (median printed);
#   - one run of j over the 1,000 rich traces (median, p95, RSS) and the
#     leak check (GUI_1M_PRESSES j, default 10,000).
#
# Environment: ERRATA_BENCH_BUILD_DIR (default: _build-rel, a release
# build), ERRATA_BENCH_DATA (default: bench/_data), GUI_1M_PAGES,
# GUI_1M_PRESSES, ERRATA_BENCH_NO_BUILD=1.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=${ERRATA_BENCH_BUILD_DIR:-$top/_build-rel}
data=${ERRATA_BENCH_DATA:-$here/_data}
source_project=${1:-$data/p1m.errata}
pages=${GUI_1M_PAGES:-1000}
presses=${GUI_1M_PRESSES:-10000}
work=${GUI_1M_WORK:-$data}

# A display of our own, as the display tests have.
if [ -z "${GUI_1M_UNDER_XVFB:-}" ]; then
  export GUI_1M_UNDER_XVFB=1
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

if [ -z "${ERRATA_BENCH_NO_BUILD:-}" ]; then
  [ -f "$build/build.ninja" ] || meson setup "$build" "$top" -Dbuildtype=release >/dev/null
  ninja -C "$build" bench/gui-1m src/cli/errata-cli data/gschemas.compiled >/dev/null
fi
cli=$build/src/cli/errata-cli
[ -f "$source_project" ] || { echo "no project $source_project (bench/run.sh makes p1m.errata)" >&2; exit 1; }

# The environment of the display tests (tests/meson.build).
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data GTK_A11Y=none GTK_USE_PORTAL=0 \
  LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_AT_BRIDGE=1

mkdir -p "$work"
copy=$work/gui-1m.errata
if [ ! -f "$copy" ] || [ "$source_project" -nt "$copy" ]; then
  echo "copying $source_project ($(du -h "$source_project" | cut -f1)) to $copy"
  rm -f "$copy" "$copy-wal" "$copy-shm"
  cp --sparse=always "$source_project" "$copy.part"
  [ ! -f "$source_project-wal" ] || cp "$source_project-wal" "$copy-wal"
  mv "$copy.part" "$copy"
  python3 "$here/rich-traces.py" -n 1000 -o "$work/rich-traces.jsonl"
  "$cli" import "$copy" "$work/rich-traces.jsonl" >/dev/null
fi
n=$(sqlite3 "$copy" "SELECT count(*) FROM traces")
echo "gui-1m: $copy, $n traces, $(du -h "$copy" | cut -f1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

for run in 1 2 3 4 5; do
  "$build/bench/gui-1m" --first-frame "$copy"
done | tee "$work/gui-1m-first.txt"
awk '{ print $8 }' "$work/gui-1m-first.txt" | sort -g |
  awk '{ v[NR] = $1 } END { printf "first frame, median of %d runs: %d ms  target: < 1000 ms\n", NR, v[int((NR + 1) / 2)] }'

"$build/bench/gui-1m" --pages "$pages" --presses "$presses" "$copy"
