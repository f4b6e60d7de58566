#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds Sift from SOURCE as a user would (library and programs, no tests
# or benchmarks) and installs it into PREFIX.  Extra arguments go to CMake.
#   build_and_install.sh SOURCE BUILD PREFIX [-DOPTION=VALUE...]
set -euo pipefail
source_dir="$1" build="$2" prefix="$3"
shift 3
cmake -S "$source_dir" -B "$build" -G Ninja -DSIFT_BUILD_TESTS=OFF -DSIFT_BUILD_BENCHMARKS=OFF "$@"
cmake --build "$build" -j 2
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix"
