#!/usr/bin/env bash
# A judge run against its peer (issue 17, part 5): the same 2,000 traces
# judged by `errata-cli eval run` (an LLM judge, 16 in flight) and by
# promptfoo 0.118 (`llm-rubric` assertions, `-j 16`), each against the
# standalone mock server (`errata-mock-llm`) answering every request after
# the same latency with the same replies (pass and fail in turn, a JSON
# object with both tools' members). Prints side by side: wall time, CPU
# time (user + sys from /usr/bin/time) and peak RSS, with the load average;
# for Errata also the verdicts in the project file and its RSS every second
# (written as they arrive, memory flat).
#
# Usage: bench/judge-vs-promptfoo.sh [N] [LATENCY_MS] [BUILD_DIR]
#   default 2000 traces, 200 ms, _build-rel (configured as a release build)
# Environment: ERRATA_BENCH_NO_PROMPTFOO=1 runs Errata only;
# ERRATA_BENCH_CLI: the errata-cli to measure (default: the build's). promptfoo is
# installed once into bench/_promptfoo (git-ignored) with npm; without npm
# its half is skipped with a message. promptfoo's figures include Node's
# start and its own SQLite writes of the results, as a user runs it.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
n=${1:-2000}
latency=${2:-200}
build=${3:-$top/_build-rel}
concurrency=16
data=${ERRATA_BENCH_DATA:-$here/_data}/judge-$n
mkdir -p "$data"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/cli/errata-cli tests/core/llm/errata-mock-llm data/gschemas.compiled >/dev/null
cli=${ERRATA_BENCH_CLI:-$build/src/cli/errata-cli}
mock_bin=$build/tests/core/llm/errata-mock-llm

load () { cut -d' ' -f1-3 /proc/loadavg; }

# ---- the data: N generated traces (1-8 KB, tool calls), and the same
# conversations as text for promptfoo's tests --------------------------------
if [ ! -s "$data/traces.jsonl" ]; then
  python3 "$here/generate-traces.py" -n "$n" --seed 17 --id-prefix "j-" -o "$data/traces.jsonl"
fi
if [ ! -s "$data/tests.jsonl" ]; then
  python3 - "$data/traces.jsonl" "$data/tests.jsonl" <<'PY'
import json, sys
# What the judge's {{conversation}} shows, near enough: each turn with its
# role, tool calls and tool results included.
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    for line in src:
        record = json.loads(line)
        turns = []
        for m in record["messages"]:
            text = m.get("content") or ""
            if m.get("tool_calls"):
                text += "\n" + json.dumps(m["tool_calls"])
            turns.append(f"{m['role']}: {text}")
        out.write(json.dumps({"vars": {"conversation": "\n\n".join(turns)}}) + "\n")
PY
fi
# The replies: pass and fail in turn; Errata reads verdict/reasoning,
# promptfoo's grader pass/score/reason.
cat >"$data/replies.jsonl" <<'EOF'
{"json": {"reasoning": "The assistant answers what the user asked and the tool results agree with it.", "verdict": "pass", "reason": "The assistant answers what the user asked and the tool results agree with it.", "pass": true, "score": 1}}
{"json": {"reasoning": "The assistant states an order status that no tool result supports.", "verdict": "fail", "reason": "The assistant states an order status that no tool result supports.", "pass": false, "score": 0}}
EOF
definition="The assistant states a fact (an order status, a price, a date) that no tool result in the trace supports."

. "$here/mock-llm.sh"
trap stop_mock EXIT

# samples PID PROJECT: every second, "seconds verdicts rss_mb" while PID
# runs; the RSS is that of PID's child (PID is /usr/bin/time)
samples () {
  local pid=$1 project=$2 t0 count rss child=
  t0=$(date +%s.%N)
  for _ in $(seq 100); do
    child=$(pgrep -P "$pid" | head -n 1) && [ -n "$child" ] && break
    sleep 0.05
  done
  pid=${child:-$pid}
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] || break
    count=$(sqlite3 -readonly "$project" "SELECT count (*) FROM verdicts" 2>/dev/null || echo "?")
    echo "$(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') $count $rss"
  done
}

ideal=$(echo "scale=3; $n * $latency / 1000 / $concurrency" | bc)
echo "Judge run vs promptfoo: $n traces ($(du -m "$data/traces.jsonl" | cut -f1) MB of JSONL)," \
     "mock latency $latency ms, concurrency $concurrency, ideal $ideal s; $(nproc) cores," \
     "build $(basename "$build")"

# ---- Errata -----------------------------------------------------------------
project=$data/p.errata
rm -f "$project" "$project-wal" "$project-shm"
"$cli" new "$project" >/dev/null
"$cli" import "$project" "$data/traces.jsonl" >/dev/null
python3 - "$definition" "$concurrency" >"$data/judge.json" <<'PY'
import json, sys
print(json.dumps({"name": "Unsupported fact", "target": "overall", "kind": "judge",
                  "definition": {"concurrency": int(sys.argv[2]), "model": "gpt-4o-mini"}}))
PY
"$cli" eval import "$project" "$data/judge.json" >/dev/null

# The provider's own limit (the llm-concurrency setting, 4 by default) caps
# the judge's: set it as a user would, in a settings file of our own.
settings=$data/config
mkdir -p "$settings/glib-2.0/settings"
printf '[io/github/errata/Errata]\nllm-concurrency=uint32 %d\n' "$concurrency" \
  >"$settings/glib-2.0/settings/keyfile"

start_mock "$mock_bin" "$data/mock.out" --latency-ms "$latency" --replies "$data/replies.jsonl"
echo "load average before Errata: $(load)"
GSETTINGS_SCHEMA_DIR=$build/data GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$settings \
  /usr/bin/time -f "%e %U %S %M" -o "$data/errata-time.txt" \
  "$cli" eval run "$project" "Unsupported fact" --on all \
    --provider custom --base-url "$url/v1" --model gpt-4o-mini >"$data/errata-run.txt" 2>&1 &
run=$!
samples "$run" "$project" >"$data/errata-samples.txt"
wait "$run" || { echo "errata-cli eval run failed:" >&2; cat "$data/errata-run.txt" >&2; exit 1; }
errata_load=$(load)
stop_mock
read -r e_wall e_user e_sys e_rss <"$data/errata-time.txt"
e_mock=$(mock_summary "$data/mock.out")
verdicts=$(sqlite3 -readonly "$project" "SELECT count (*) FROM verdicts")
tail -n 2 "$data/errata-run.txt" | sed 's/^/  /'
echo "  verdicts stored: $verdicts; mock: $e_mock; load average after: $errata_load"
echo "  verdicts in the file, every second: $(awk '{ printf "%s ", $2 }' "$data/errata-samples.txt")"
echo "  RSS (MB), every second:             $(awk '{ printf "%s ", $3 }' "$data/errata-samples.txt")"

# ---- promptfoo ----------------------------------------------------------------
pf_status=skipped
pf=$here/_promptfoo
pf_bin=$pf/node_modules/.bin/promptfoo
if [ -n "${ERRATA_BENCH_NO_PROMPTFOO:-}" ]; then
  pf_status="skipped (ERRATA_BENCH_NO_PROMPTFOO)"
elif ! command -v npm >/dev/null; then
  pf_status="skipped: npm is not installed (promptfoo 0.118 comes from npm; Node 20 works)"
else
  # Without install scripts (one downloads a browser, and a failed one
  # makes npm roll the whole install back), then better-sqlite3 built from
  # source: its prebuilt binary is fetched from GitHub and may not match
  # this Node (0.118 runs on Node 20 once it is built here).
  if [ ! -x "$pf_bin" ]; then
    echo "Installing promptfoo 0.118 into $pf (once) …"
    mkdir -p "$pf"
    [ -f "$pf/package.json" ] || echo '{"name": "errata-bench-promptfoo", "private": true}' >"$pf/package.json"
    (cd "$pf" && npm install --no-audit --no-fund --ignore-scripts promptfoo@0.118 \
       >"$pf/npm-install.log" 2>&1) \
      || pf_status="skipped: npm install failed (see $pf/npm-install.log)"
  fi
  if [ -x "$pf_bin" ] && ! (cd "$pf" && node -e 'require("better-sqlite3")(":memory:")' 2>/dev/null); then
    (cd "$pf/node_modules/better-sqlite3" && npm run build-release >"$pf/npm-rebuild.log" 2>&1) \
      || pf_status="skipped: better-sqlite3 did not build (see $pf/npm-rebuild.log)"
  fi
  [ -x "$pf_bin" ] && [ "$pf_status" = skipped ] && pf_status=run
fi

if [ "$pf_status" = run ]; then
  pf_home=$data/promptfoo-home
  rm -rf "$pf_home"; mkdir -p "$pf_home"
  start_mock "$mock_bin" "$data/mock-pf.out" --latency-ms "$latency" --replies "$data/replies.jsonl"
  # The system under test is the echo provider (no request): the only LLM
  # calls are the grader's, one llm-rubric per test, through an
  # OpenAI-compatible provider at the mock.
  cat >"$data/promptfooconfig.yaml" <<EOF
description: Errata bench, judge run vs promptfoo
prompts:
  - "{{conversation}}"
providers:
  - echo
defaultTest:
  options:
    provider:
      id: openai:chat:gpt-4o-mini
      config:
        apiBaseUrl: $url/v1
        apiKey: mock
  assert:
    - type: llm-rubric
      value: "$definition"
tests: file://$data/tests.jsonl
EOF
  echo "load average before promptfoo: $(load)"
  (cd "$data" && PROMPTFOO_CONFIG_DIR=$pf_home PROMPTFOO_DISABLE_TELEMETRY=1 \
     PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 \
     /usr/bin/time -f "%e %U %S %M" -o "$data/pf-time.txt" \
     "$pf_bin" eval -c "$data/promptfooconfig.yaml" -j "$concurrency" --no-cache \
       --no-progress-bar -o "$data/pf-out.json" >"$data/pf-run.txt" 2>&1) || true
  pf_load=$(load)
  stop_mock
  pf_mock=$(mock_summary "$data/mock-pf.out")
  if [ -s "$data/pf-time.txt" ] && [ -s "$data/pf-out.json" ]; then
    read -r p_wall p_user p_sys p_rss < <(tail -n 1 "$data/pf-time.txt")
    pf_counts=$(python3 - "$data/pf-out.json" <<'PY' 2>/dev/null || echo "?"
import json, sys
stats = json.load(open(sys.argv[1]))["results"]["stats"]
print("%s pass, %s fail, %s errors" % (stats["successes"], stats["failures"], stats.get("errors", 0)))
PY
)
    echo "  promptfoo: $pf_counts; mock: $pf_mock; load average after: $pf_load"
  else
    pf_status="failed (see $data/pf-run.txt)"
    tail -n 20 "$data/pf-run.txt" >&2
  fi
fi

# ---- side by side ---------------------------------------------------------------
echo
printf '%-34s %14s %14s %s\n' "" "Errata" "promptfoo" "Errata's target"
row () { printf '%-34s %14s %14s %s\n' "$@"; }
if [ "$pf_status" = run ]; then
  row "wall time (s)" "$e_wall" "$p_wall" "faster; <= $(echo "scale=2; $ideal * 1.05 / 1" | bc) s (1.05x the ideal)"
  row "CPU time, user + sys (s)" "$(echo "$e_user + $e_sys" | bc)" "$(echo "$p_user + $p_sys" | bc)" ">= 10x less"
  row "peak RSS (MB)" "$((e_rss / 1024))" "$((p_rss / 1024))" ">= 10x less"
  echo
  awk -v ew="$e_wall" -v pw="$p_wall" -v ec="$(echo "$e_user + $e_sys" | bc)" \
      -v pc="$(echo "$p_user + $p_sys" | bc)" -v er="$e_rss" -v pr="$p_rss" -v i="$ideal" \
    'BEGIN { printf "Errata: %.3fx the ideal %.1f s (target <= 1.05x: %s); promptfoo %.3fx.\n", ew / i, i, (ew / i <= 1.05 ? "met" : "MISSED"), pw / i;
             printf "promptfoo / Errata: wall %.2fx (target > 1: %s), CPU %.1fx (target >= 10: %s), RSS %.1fx (target >= 10: %s)\n",
                    pw / ew, (pw > ew ? "met" : "MISSED"), pc / ec, (pc / ec >= 10 ? "met" : "MISSED"), pr / er, (pr / er >= 10 ? "met" : "MISSED") }'
else
  row "wall time (s)" "$e_wall" "-" "<= $(echo "scale=2; $ideal * 1.05 / 1" | bc) s"
  row "CPU time, user + sys (s)" "$(echo "$e_user + $e_sys" | bc)" "-" ""
  row "peak RSS (MB)" "$((e_rss / 1024))" "-" ""
  echo "promptfoo: $pf_status"
  awk -v ew="$e_wall" -v i="$ideal" 'BEGIN { printf "Errata: %.3fx the ideal %.1f s (target <= 1.05x: %s)\n", ew / i, i, (ew / i <= 1.05 ? "met" : "MISSED") }'
fi
echo "load average when Errata's run ended: $errata_load; when promptfoo's ended: ${pf_load:--}"
