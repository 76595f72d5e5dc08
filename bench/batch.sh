#!/usr/bin/env bash
# A judge run through the mock server's Batch API, end to end (issue 17,
# part 6): N small traces imported, `errata-cli eval run --batch` of an
# LLM judge with the default prompt (OpenAI's API: batches of at most
# 50,000 requests / 200 MB), the mock ending each batch 1 s after it was
# created. Prints the wall time, the CPU time and peak RSS of errata-cli,
# the project's size before and after, and the batches.
# Usage: bench/batch.sh [N] [BUILD_DIR]   (default 100000, _build-bench as release)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
build=${2:-_build-bench}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=release >/dev/null
fi
ninja -C "$build" src/cli/errata-cli tests/core/llm/errata-mock-llm >/dev/null
cli=$build/src/cli/errata-cli
data=${ERRATA_BENCH_DATA:-bench/_data}/batch-$n
mkdir -p "$data"
project=$data/p.errata
rm -f "$project" "$project"-wal "$project"-shm

if [ ! -f "$data/traces.jsonl" ]; then
  python3 - "$n" "$data/traces.jsonl" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"b{i:07d}", "messages": [
            {"role": "user", "content": f"Where is my order {i}? It was due on Monday."},
            {"role": "assistant", "content": f"Order {i} left the warehouse today; it will arrive tomorrow."}]}) + "\n")
PY
fi
echo '{"name": "Helpful", "target": "overall", "kind": "judge", "definition": {}}' >"$data/judge.json"

"$cli" new "$project" >/dev/null
start=$(date +%s.%N)
"$cli" import "$project" "$data/traces.jsonl" >/dev/null
echo "import of $n small traces: $(echo "$(date +%s.%N) - $start" | bc) s"
"$cli" eval import "$project" "$data/judge.json" >/dev/null
before=$(stat -c %s "$project")

. bench/mock-llm.sh
trap stop_mock EXIT
start_mock "$build/tests/core/llm/errata-mock-llm" "$data/mock.out" --batch-delay-ms 1000

/usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" \
  "$cli" eval run "$project" Helpful --on all --batch --progress --poll-interval 1 \
    --provider custom --base-url "$url/v1" --model gpt-4o-mini >"$data/run.txt" 2>"$data/progress.txt"
read -r wall user sys rss <"$data/time.txt"
after=$(stat -c %s "$project")
stop_mock

cat "$data/run.txt"
"$cli" eval run "$project" Helpful --batch --status | head -4
echo "batch run of $n judge requests: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU," \
     "peak RSS $((rss / 1024)) MB (errata-cli)"
echo "project: $((before / 1024 / 1024)) MB before, $((after / 1024 / 1024)) MB after" \
     "(+$(((after - before) / 1024)) KB, $(((after - before) / n)) bytes per verdict)"
echo "mock server: $(mock_summary "$data/mock.out")"
