#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that every source file we own starts with the licence's SPDX
# identifier (after a #! line), and lists those that do not.
# Add the missing lines with:  scripts/spdx.sh --fix
# Data (corpus/, tests/data/, fuzz inputs), generated lock files and the
# licence text itself carry no header.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly id="SPDX-License-Identifier: GPL-2.0-or-later"

# The files to check, with the comment syntax each one uses.
comment_for() {
  case "$1" in
    *.h | *.cc | *.cpp | *.js | *.mjs) echo "//" ;;
    *.css) echo "/*" ;;
    *.sh | *.cmake | *.in | *.py | *.lua | CMakeLists.txt | */CMakeLists.txt) echo "#" ;;
    *.html) echo "<!--" ;;
    *) echo "" ;;
  esac
}

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard)
else
  mapfile -t files < <(find . -type f -not -path './build*' -not -path './.git/*' | sed 's|^\./||')
fi

# The identifier promises the GPL, version 2, whose text must ship with it.
if ! grep -q "Version 2, June 1991" LICENSE 2>/dev/null; then
  echo "LICENSE is missing or is not the GNU GPL, version 2 (the identifier names it)"
  exit 1
fi

fix=false
[ "${1:-}" = "--fix" ] && fix=true
missing=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  case "$f" in
    corpus/* | tests/data/* | tests/fuzz/corpus/* | tests/fuzz/crashers/* | */package-lock.json) continue ;;
  esac
  c="$(comment_for "$f")"
  [ -n "$c" ] || continue
  head -n 3 "$f" | grep -q "SPDX-License-Identifier:" && continue
  if ! $fix; then
    missing+=("$f")
    continue
  fi
  case "$c" in
    "<!--") line="<!-- $id -->" ;;
    "/*") line="/* $id */" ;;
    *) line="$c $id" ;;
  esac
  if head -n 1 "$f" | grep -q '^#!'; then
    { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$f.spdx"
  elif [ "$c" = "<!--" ] && head -n 1 "$f" | grep -qi '^<!doctype'; then
    { head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$f.spdx"
  else
    { echo "$line"; cat "$f"; } >"$f.spdx"
  fi
  chmod --reference="$f" "$f.spdx"
  mv "$f.spdx" "$f"
done
if ((${#missing[@]})); then
  echo "no \"$id\" line in the first 3 lines (run scripts/spdx.sh --fix):"
  printf '  %s\n' "${missing[@]}"
  exit 1
fi
$fix || echo "every source file carries \"$id\""
