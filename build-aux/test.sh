#!/usr/bin/env bash
# Installs what is missing, builds Errata and runs every test headless:
# unit tests, display tests under Xvfb, and the acceptance tests on
# ../shared/data when that folder is there. Ends with one plain line,
# "N passed, N failed, N skipped", counted from meson's own log.
#
# --sanitize runs the same tests from a separate build, _build-sanitize,
# compiled with AddressSanitizer and UndefinedBehaviorSanitizer; leaks are
# checked by LeakSanitizer at each test's exit. Options and the reasons for
# them are in build-aux/sanitize-env.sh, the few third-party leaks that are
# suppressed in build-aux/lsan.supp. Ends with the same kind of line.
set -uo pipefail
cd "$(dirname "$0")/.."

sanitize=false
case "${1-}" in
  "") ;;
  --sanitize) sanitize=true ;;
  *) echo "usage: $0 [--sanitize]" >&2; exit 2 ;;
esac

bash build-aux/install-deps.sh || exit 1

builddir=_build-test
test_args=()
if $sanitize; then
  builddir=_build-sanitize
  # ASan makes the tests several times slower (the slowest, the 100 000
  # trace memory test, takes minutes); a hang still ends in a timeout.
  test_args=(--timeout-multiplier 10)
  # Also for the build: the demo project is made by running errata-cli.
  . build-aux/sanitize-env.sh
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" -Db_sanitize=address,undefined || exit 1
  fi
elif [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" || exit 1
fi
ninja -C "$builddir" || exit 1

dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "${test_args[@]}"
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
