#!/bin/sh
# make-demo.sh OUT.errata IN.jsonl [ERRATA_CLI]
#
# Builds the demo project: a new project at OUT with the traces of IN
# imported. The project is built under a temporary name next to OUT and
# renamed at the end, so an interrupted build never leaves a half-written
# OUT behind (and a stale OUT is gone before the build starts). A record
# that does not import fails the build: the demo must import whole.
#
# ERRATA_CLI is the errata-cli to use (the build passes its own); by
# default the one on PATH.
#
# When synth-dimensions.json and synth-queries.json sit beside IN, the
# demo also gets a small synthetic batch for the Synthetic Data page:
# the dimensions, the tuples and queries typed in the file (no language
# model at build time), one near-duplicate rejected and the rest accepted.
# No run: the demo's traces were not made from these queries.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 OUT.errata IN.jsonl [ERRATA_CLI]" >&2
  exit 2
fi

out=$1
in=$2
cli=${3:-errata-cli}

if [ ! -r "$in" ]; then
  echo "$0: cannot read $in" >&2
  exit 2
fi

tmp="$(dirname "$out")/.$(basename "$out" .errata)-$$.errata"

remove_project () {
  rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}

trap 'remove_project "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

remove_project "$out"
remove_project "$tmp"

"$cli" new "$tmp" >/dev/null
# Exit status 1 means records were skipped: the summary says which.
"$cli" import "$tmp" "$in" >/dev/null

synth_dimensions="$(dirname "$in")/synth-dimensions.json"
synth_queries="$(dirname "$in")/synth-queries.json"
if [ -r "$synth_dimensions" ] && [ -r "$synth_queries" ]; then
  "$cli" synth dimensions "$tmp" "$synth_dimensions" >/dev/null
  "$cli" synth queries "$tmp" --from "$synth_queries" >/dev/null
  # Query 7 rewrites query 6 (the page marks them ≈): rejected, as a
  # reviewer would; ids count from 1 in a new project.
  "$cli" synth reject "$tmp" 7 >/dev/null
  "$cli" synth accept "$tmp" --drafts >/dev/null
fi

# The importer closed the project cleanly, so SQLite has checkpointed its
# write-ahead log; anything left in one would be lost by the rename.
if [ -s "$tmp-wal" ]; then
  echo "$0: $tmp-wal is not empty after the import" >&2
  exit 1
fi
rm -f "$tmp-wal" "$tmp-shm"

mv -f "$tmp" "$out"
trap - EXIT
