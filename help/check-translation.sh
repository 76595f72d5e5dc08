#!/bin/sh
# check-translation.sh LANG: builds the help in LANG as the install does
# (help/LANG/LANG.po compiled, then merged into the C pages by itstool)
# and validates every page it makes with yelp-check, and their links.
#
# Copyright 2026 The Errata authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

lang=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

msgfmt --check -o "$out/$lang.mo" "$here/$lang/$lang.po"
mkdir "$out/$lang"
itstool -m "$out/$lang.mo" -o "$out/$lang/" "$here"/C/*.page
status=0
for page in "$out/$lang"/*.page; do
  yelp-check validate "$page" || status=1
done
yelp-check links "$out/$lang" || status=1
exit $status
