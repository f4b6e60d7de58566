#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Compiles and runs a consumer with exactly the pkg-config command the
# README gives, against an installed Sift moved away from where it was
# installed (so the test fails if sift.pc bakes in its prefix).
#
#   readme_pkg_config.sh README PREFIX LIBDIR CONSUMER_CPP WORKDIR [shared]
#
# With "shared", the program finds libsift.so through LD_LIBRARY_PATH, as
# the README says for a shared install outside the linker's paths.  The
# compiler must print nothing: a warning from Sift's headers fails.
set -euo pipefail
readme="$1" prefix="$2" libdir="$3" consumer="$4" work="$5" kind="${6:-static}"

# The README's command: the one line that compiles app.cpp with pkg-config.
command="$(grep -E '^c\+\+ .*app\.cpp.*\$\(pkg-config --cflags --libs sift\)' "$readme" | head -n 1)"
if [ -z "$command" ]; then
  echo "README.md has no line 'c++ ... app.cpp ... \$(pkg-config --cflags --libs sift) ...'" >&2
  exit 1
fi
echo "README command: $command"

rm -rf "$work"
mkdir -p "$work"
cp -a "$prefix" "$work/moved-prefix"
cp "$consumer" "$work/app.cpp"
cd "$work"
export PKG_CONFIG_PATH="$work/moved-prefix/$libdir/pkgconfig"
echo "pkg-config says: $(pkg-config --cflags --libs sift)"
bash -c "$command" >compiler.log 2>&1 || { cat compiler.log; exit 1; }
if [ -s compiler.log ]; then
  echo "the compiler printed something (a warning for consumers?):"
  cat compiler.log
  exit 1
fi
if [ "$kind" = shared ]; then
  export LD_LIBRARY_PATH="$work/moved-prefix/$libdir"
fi
./app
