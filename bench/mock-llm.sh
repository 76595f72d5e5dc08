# bench/mock-llm.sh: the standalone mock LLM server (errata-mock-llm,
# tests/core/llm/) as every bench that talks to one starts it: on
# loopback, on a port it picks, its URL read from its first line of
# output. Sourced by judge-throughput.sh, judge-vs-promptfoo.sh, batch.sh
# and llm.sh (D6: each started it its own way).
#
#   start_mock BIN OUT [OPTION…]  starts BIN with --port 0 and the options,
#                                 its stdout in OUT and stderr in OUT.err;
#                                 sets $mock (its pid) and $url, or exits
#                                 when it does not start within 10 s
#   stop_mock                     stops it and waits for it (no-op when none)
#   mock_summary OUT              its last line on stderr: what it answered
#
# The caller's EXIT trap should call stop_mock, so that a failed bench
# leaves no server behind.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

mock=
url=

start_mock () {
  local bin=$1 out=$2
  shift 2
  stop_mock
  : >"$out"
  "$bin" --port 0 "$@" >"$out" 2>"$out.err" &
  mock=$!
  url=
  for _ in $(seq 100); do
    url=$(head -n 1 "$out")
    [ -n "$url" ] && return 0
    kill -0 "$mock" 2>/dev/null || break
    sleep 0.1
  done
  echo "the mock server ($bin) did not start:" >&2
  cat "$out.err" >&2
  stop_mock
  exit 1
}

stop_mock () {
  [ -n "${mock:-}" ] || return 0
  kill "$mock" 2>/dev/null || true
  wait "$mock" 2>/dev/null || true
  mock=
}

mock_summary () {
  tail -n 1 "$1.err"
}
