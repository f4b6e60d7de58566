#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks an installed Sift the way a packager would look at it:
#  - bin/ holds only sift-* programs (no generic names such as `hello`),
#    each with its man page in share/man/man1;
#  - the licence is installed;
#  - with "shared": the library's SONAME carries MAJOR.MINOR while the
#    major version is 0, and the programs run from a moved copy of the
#    install without LD_LIBRARY_PATH (an RPATH relative to themselves).
#
#   check_install.sh PREFIX LIBDIR VERSION [shared]
set -euo pipefail
prefix="$1" libdir="$2" version="$3" kind="${4:-static}"
fail() { echo "FAIL: $*" >&2; exit 1; }

shopt -s nullglob
programs=("$prefix"/bin/*)
((${#programs[@]})) || fail "nothing installed in $prefix/bin"
for p in "${programs[@]}"; do
  name="$(basename "$p")"
  [[ "$name" == sift-* ]] || fail "bin/$name is installed: a generic name that may clash"
  page="$prefix/share/man/man1/$name.1"
  [ -s "$page" ] || fail "no man page $page for bin/$name"
  grep -qF -- '\-\-version' "$page" || fail "$page does not list --version (not made from --help?)"
  echo "ok: bin/$name, man1/$name.1"
done
[ -s "$prefix/share/doc/sift/LICENSE" ] || fail "LICENSE not installed in share/doc/sift"

if [ "$kind" = shared ]; then
  IFS=. read -r major minor _ <<<"$version"
  soversion="$major"
  ((major == 0)) && soversion="$major.$minor"
  lib="$prefix/$libdir/libsift.so.$soversion"
  [ -e "$lib" ] || fail "no $lib (SOVERSION $soversion)"
  soname="$(objdump -p "$lib" | awk '/SONAME/ {print $2}')"
  [ "$soname" = "libsift.so.$soversion" ] || fail "SONAME is '$soname', not libsift.so.$soversion"
  echo "ok: SONAME $soname"
  moved="$(mktemp -d)"
  trap 'rm -rf "$moved"' EXIT
  cp -a "$prefix/." "$moved/"
  env -u LD_LIBRARY_PATH "$moved/bin/sift-index" --version | grep -qx "sift-index $version" ||
    fail "the installed sift-index does not run from a moved install (RPATH?)"
  printf '{"id":"a","title":"Moved install","body":"Searching works."}\n' |
    env -u LD_LIBRARY_PATH "$moved/bin/sift-index" --db "$moved/db" - >/dev/null
  env -u LD_LIBRARY_PATH SIFT_DB="$moved/db" "$moved/bin/sift-search" searching |
    grep -q "Moved install" || fail "the installed sift-search found nothing"
  echo "ok: programs run from a moved install without LD_LIBRARY_PATH"
fi
echo "install layout ok"
