#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs clang-tidy (.clang-tidy) over every file of lib/ that the build
# compiles, with that build's compile_commands.json; fails on any finding.
# Usage:  scripts/clang-tidy.sh [BUILD_DIR (default build)] [JOBS (default 2)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
jobs="${2:-2}"
if [ ! -f "$build/compile_commands.json" ]; then
  echo "no $build/compile_commands.json: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2
  exit 2
fi
runner="$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)"
if [ -z "$runner" ]; then
  echo "run-clang-tidy not found: install the Debian package clang-tidy (scripts/setup.sh)" >&2
  exit 2
fi
# The build is configured for GCC: clang does not know some of its warning
# options (-Wno-restrict), which is not a finding.
exec "$runner" -quiet -j "$jobs" -p "$build" -extra-arg=-Wno-unknown-warning-option \
  "^$root/lib/"
