#!/usr/bin/env bash
# Installs every Debian 12 package Errata needs to build, run and test.
# Idempotent: packages already present are left alone, so a machine that has
# them all costs one dpkg query and no network.
set -euo pipefail

packages=(
  # toolchain
  gcc meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-dev-bin
  # core
  libsqlite3-dev libjson-glib-dev libsoup-3.0-dev libsecret-1-dev
  # large JSON in a project is stored compressed (zstd)
  libzstd-dev
  # the live OTLP receiver (src/core/receive) decodes protobuf; protoc-c only
  # to regenerate its committed C code (src/core/receive/README.md)
  libprotobuf-c-dev protobuf-c-compiler
  # charts (src/core/charts): cairo and pango, no GTK
  libcairo2-dev libpango1.0-dev
  # gui
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libmd4c-dev
  # validation tools used by the test suite
  desktop-file-utils appstream yelp-tools libxml2-utils shared-mime-info
  # the German walk (tests/gui/app/test-german.c) runs in de_DE.UTF-8
  locales
  # headless display tests
  xvfb xauth dbus dbus-x11 gnome-keyring
  adwaita-icon-theme fonts-cantarell fonts-dejavu-core
  # typing real keys in the display tests (optional: that test skips without it)
  libxtst-dev
  # driving the real app by keyboard for manual acceptance runs
  xdotool
  # smaller screenshots, losslessly (build-aux/make-screenshots.sh)
  optipng
  # benchmarks compare against the plain sqlite3 shell
  sqlite3 python3 time
  # the report's tests: libxml2 parses the HTML, poppler reads the PDF back
  libxml2-dev poppler-utils
)
# html-validate (npm) checks the report's HTML; node and npm from Debian
# unless a node with npm is there already (Debian's npm conflicts with
# NodeSource's nodejs, which carries its own).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
HTML_VALIDATE_VERSION=8.29.0

install_html_validate() {
  if command -v html-validate >/dev/null 2>&1 &&
     [ "$(html-validate --version 2>/dev/null)" = "html-validate-${HTML_VALIDATE_VERSION}" ]; then
    return 0
  fi
  echo "Installing html-validate ${HTML_VALIDATE_VERSION} (npm)"
  ${SUDO:-} npm install --global --no-fund --no-audit "html-validate@${HTML_VALIDATE_VERSION}"
}

# The display test that walks every page in German needs the de_DE.UTF-8
# locale (dates, numbers and the catalogue); Debian ships only C.UTF-8.
ensure_german_locale() {
  if locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
    return 0
  fi
  echo "Generating the de_DE.UTF-8 locale"
  ${SUDO:-} localedef -i de_DE -f UTF-8 de_DE.UTF-8
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

if [ ${#missing[@]} -eq 0 ]; then
  install_html_validate
  ensure_german_locale
  exit 0
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
install_html_validate
ensure_german_locale
