#!/bin/sh
# make-screenshots.sh PROGRAM OUTDIR
#
# Runs tests/gui/app/make-screenshots (PROGRAM) so that it writes the
# screenshots of every page to OUTDIR: under xvfb-run when there is no
# display (a screen larger than the 1280×800 images: GTK keeps a window
# within its monitor, and the window's frame is outside the image), in a D-Bus session of its own, then makes the PNG
# files smaller with optipng when it is installed (lossless). The build's
# `screenshots` target calls it with the environment of the tests.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 PROGRAM OUTDIR" >&2
  exit 2
fi
program=$1
out=$2

mkdir -p "$out"
export G_TEST_BUILDDIR="$out"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" "$program"
else
  dbus-run-session -- "$program"
fi

if command -v optipng >/dev/null 2>&1; then
  optipng -quiet -o2 -strip all "$out"/*.png
fi
echo "Screenshots in $out: look at them, then copy them to data/screenshots/"
