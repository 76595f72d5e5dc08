#!/bin/sh
# Runs a test inside a private D-Bus session with a fresh gnome-keyring,
# its files in a temporary home, so the keyring tests need no desktop and
# never touch the user's keyrings. Without dbus-run-session or
# gnome-keyring the test runs as it is (and its keyring cases skip).

tmp=$(mktemp -d "${TMPDIR:-/tmp}/errata-keyring-XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
       XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/run"

if command -v dbus-run-session >/dev/null 2>&1 &&
   command -v gnome-keyring-daemon >/dev/null 2>&1; then
  dbus-run-session -- sh -c '
    eval "$(printf "" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"' sh "$@"
else
  "$@"
fi
