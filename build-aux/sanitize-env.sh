# Sourced (not run) by `build-aux/test.sh --sanitize`; source it yourself to
# run one test of the sanitizer build by hand:
#   . build-aux/sanitize-env.sh && meson test -C _build-sanitize test-foo
# Every variable here is read by the sanitizer runtimes or by GLib; the
# meson test environment (tests/meson.build) sets none of them, so they
# reach each test unchanged.

_errata_src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ASan: report leaks at exit. GLib, GTK and the other system libraries are
# built without frame pointers, so the fast unwinder stops at g_malloc();
# the slow one gives whole allocation stacks, which both a readable report
# and the library-specific suppressions in lsan.supp need. It unwinds on
# every malloc, so stacks are cut at 15 frames (default 30): that still
# reaches our code and every suppressed frame, and makes the GTK tests
# about 40 % faster (test-coding-panel: 16 s -> 10 s CPU).
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=15
export LSAN_OPTIONS="suppressions=$_errata_src/build-aux/lsan.supp:print_suppressions=0"
# UBSan: the first undefined behaviour stops the test, with its stack.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# GLib 2.74's slice allocator recycles blocks behind malloc's back, which
# would hide use-after-free and leaks of slice-allocated structures (GList,
# GObject instances...). Plain malloc lets ASan see every block.
export G_SLICE=always-malloc
# GTK draws with cairo instead of OpenGL. Under Xvfb the GL renderer runs on
# Mesa's llvmpipe, whose JIT registers unwind tables with libgcc; ASan's
# slow unwinder (above) then deadlocks in libgcc's _Unwind_Find_FDE, which
# calls malloc while holding its own lock (seen in test-window: every
# thread waiting on that lock). Errata draws nothing with GL itself, so the
# widgets and our code under test are the same with either renderer.
export GSK_RENDERER=cairo

unset _errata_src
