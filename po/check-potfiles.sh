#!/bin/sh
# Checks po/POTFILES.in against the tree:
#  - every file under src/ and data/ with translatable strings is listed,
#  - every listed file exists,
#  - the list is sorted (LC_ALL=C), so that merges stay trivial.
# Usage: check-potfiles.sh SOURCE_ROOT
set -u

srcdir=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$srcdir" || exit 1
potfiles=po/POTFILES.in
export LC_ALL=C

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# Listed files, without comments and blank lines.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' -e '/^\[/d' "$potfiles" > "$tmp/listed"

# Candidate files: those git knows in a checkout (tracked, or new and not
# ignored, so build output never counts), every file otherwise.
if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files --cached --others --exclude-standard -- src data > "$tmp/all"
else
  find src data -type f 2>/dev/null | sed 's|^\./||' > "$tmp/all"
fi

# gettext calls in C (_, N_, C_, NC_, ngettext) and GtkBuilder
# translatable="yes"; the file kinds below are translatable by nature
# (xgettext knows their ITS rules).
call_re='(\b_|\bN_|\bC_|\bNC_)[[:space:]]*\([[:space:]]*"|\b(g_d?n|n)gettext[[:space:]]*\(|translatable="yes"'
: > "$tmp/needed"
while IFS= read -r f; do
  [ -f "$f" ] || continue
  case $f in
    *.desktop.in|*.metainfo.xml.in|*.appdata.xml.in)
      echo "$f" >> "$tmp/needed" ;;
    *.gschema.xml)
      grep -qE '<(summary|description)>' "$f" && echo "$f" >> "$tmp/needed" ;;
    *.mime.xml|*.mime.xml.in)
      grep -q '<comment>' "$f" && echo "$f" >> "$tmp/needed" ;;
    *.c|*.ui|*.in|*.xml)
      grep -qE "$call_re" "$f" && echo "$f" >> "$tmp/needed" ;;
  esac
done < "$tmp/all"

status=0

sort -u "$tmp/listed" > "$tmp/listed.sorted"
sort -u "$tmp/needed" > "$tmp/needed.sorted"
comm -13 "$tmp/listed.sorted" "$tmp/needed.sorted" > "$tmp/missing"
if [ -s "$tmp/missing" ]; then
  echo "Files with translatable strings missing from $potfiles:"
  sed 's/^/  /' "$tmp/missing"
  status=1
fi

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists a file that does not exist: $f"
    status=1
  fi
done < "$tmp/listed"

if ! sort -c "$tmp/listed" 2>/dev/null; then
  echo "$potfiles is not sorted; sort it with: LC_ALL=C sort"
  status=1
fi

[ $status -eq 0 ] && echo "ok: $(wc -l < "$tmp/listed") files listed, all present, none missing"
exit $status
