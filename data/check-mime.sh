#!/bin/sh
# Builds a private shared-mime-info database from the Errata MIME package and
# checks that GIO tells an Errata project (SQLite header with PRAGMA
# application_id "ERRA" at byte 68) from any other SQLite file.
# Usage: check-mime.sh PATH/TO/io.github.errata.Errata.mime.xml
# Exit status: 0 pass, 1 fail, 77 skip (a tool is missing).
set -u

mime_xml=$1
errata_type=application/x-errata-project

for tool in update-mime-database gio; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found"
    exit 77
  fi
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/mime/packages"
cp "$mime_xml" "$tmp/mime/packages/io.github.errata.Errata.xml" || exit 1
# The base database defines application/vnd.sqlite3, our parent type.
if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
  cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/mime/packages/"
fi

# update-mime-database exits 0 on many mistakes but complains on stderr.
if ! XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime" 2>"$tmp/update.err"; then
  cat "$tmp/update.err"
  echo "FAIL: update-mime-database rejected $mime_xml"
  exit 1
fi
if [ -s "$tmp/update.err" ]; then
  cat "$tmp/update.err"
  echo "FAIL: update-mime-database warned about $mime_xml"
  exit 1
fi

# A bare SQLite header: 16 bytes of magic, then the application id at 68.
sqlite_header ()
{
  printf 'SQLite format 3\000'
  head -c 52 /dev/zero
  printf '%s' "$1"
  head -c 956 /dev/zero
}

mkdir "$tmp/files"
sqlite_header ERRA > "$tmp/files/project-by-magic"
sqlite_header XXXX > "$tmp/files/other-sqlite"
sqlite_header '' > "$tmp/files/no-application-id"
# Named like a project but without the id yet: the glob decides.
sqlite_header '' > "$tmp/files/named.errata"

content_type ()
{
  XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp" GIO_USE_VFS=local \
    gio info -a standard::content-type "$1" 2>/dev/null |
    sed -n 's/^ *standard::content-type: *//p'
}

status=0
expect ()
{
  got=$(content_type "$tmp/files/$1")
  if [ "$2" = is ] && [ "$got" != "$errata_type" ]; then
    echo "FAIL: $1 is $got, expected $errata_type"
    status=1
  elif [ "$2" = not ] && [ "$got" = "$errata_type" ]; then
    echo "FAIL: $1 detected as $errata_type"
    status=1
  else
    echo "ok: $1 -> $got"
  fi
}

expect project-by-magic is
expect named.errata is
expect other-sqlite not
expect no-application-id not

# The real thing, when the sqlite3 shell is around.
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 "$tmp/files/real-project" \
    'PRAGMA application_id = 1163022913; CREATE TABLE t (x);' &&
    expect real-project is
fi

exit $status
