#!/usr/bin/env bash
# Installs what is missing, builds Errata and runs every test headless:
# unit tests, display tests under Xvfb, and the acceptance tests on
# ../shared/data when that folder is there. Ends with one plain line,
# "N passed, N failed, N skipped", counted from meson's own log.
set -uo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh || exit 1

builddir=_build-test
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" || exit 1
fi
ninja -C "$builddir" || exit 1

dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2
status=$?

python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as log:
    for line in log:
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
