#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the whole test suite with clang and sanitizers and runs it.
#
#   scripts/sanitize.sh            ASan + UBSan + LeakSanitizer, every test
#                                  (slow ones included) except the labels
#                                  that cannot run sanitized (see below)
#   scripts/sanitize.sh thread     TSan, the concurrency tests only
#   scripts/sanitize.sh address -LE slow   extra arguments go to ctest
#
#   SAN_BUILD_DIR  build folder (default: build-asan, or build-tsan)
#
# Excluded labels, and why:
#   package  the package tests install this build and compile a consumer
#            project against it with the default compiler and flags; a
#            sanitized static libsift.a cannot link into an unsanitized
#            program, and package_add_subdirectory rebuilds the library
#            from scratch (minutes under ASan) to test nothing new.
#   lint     the format check does not run code.
# Benchmarks are not built here (SIFT_BUILD_BENCHMARKS=OFF): timings under
# ASan mean nothing, and the GCC build already compiles them.
#
# Google Test and Google Benchmark from Debian are built with GCC against
# libstdc++; clang uses libstdc++ too, so they link unchanged.  The build
# uses -Wno-unknown-warning-option because the project's warning flags
# include GCC's -Wshadow=local; warnings as errors stay a GCC-build job.
set -euo pipefail
SIFT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mode=address
if [ "${1:-}" = "address" ] || [ "${1:-}" = "thread" ]; then
  mode="$1"
  shift
fi

for tool in clang clang++; do
  command -v "$tool" >/dev/null || { echo "sanitize.sh: $tool not found (apt-get install clang)"; exit 1; }
done

jobs="${SIFT_JOBS:-$(nproc)}"
if [ "$mode" = address ]; then
  BUILD="${SAN_BUILD_DIR:-$SIFT_ROOT/build-asan}"
  flags=(-DSIFT_SANITIZE=ON -DCMAKE_CXX_FLAGS=-Wno-unknown-warning-option -DSIFT_WARNINGS_AS_ERRORS=OFF)
else
  BUILD="${SAN_BUILD_DIR:-$SIFT_ROOT/build-tsan}"
  flags=(-DSIFT_SANITIZE=OFF -DSIFT_WARNINGS_AS_ERRORS=OFF
    "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer -Wno-unknown-warning-option"
    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DSIFT_BUILD_EXAMPLES=OFF)
fi

echo "==> configuring the $mode-sanitizer build in $BUILD"
CC=clang CXX=clang++ cmake -S "$SIFT_ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIFT_BUILD_BENCHMARKS=OFF "${flags[@]}" >/dev/null

# Sanitizer settings: every report is fatal, leaks included, but one:
# Debian's libxapian 1.4.22 itself frees an object through a base pointer
# of another size inside Xapian::Database::check() (new-delete-type-mismatch
# reported from libxapian.so, which is not instrumented; seen in
# IndexCorpus.PassesXapianCheck).  That check is off; Sift's own code is
# still checked for every other error.  scripts/asan-suppressions.txt
# leaves out memory-interceptor reports from inside libxapian (a read of a
# freed block when it walks a damaged table; see the file).
export ASAN_OPTIONS="new_delete_type_mismatch=0:suppressions=$SIFT_ROOT/scripts/asan-suppressions.txt:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}"

if [ "$mode" = address ]; then
  echo "==> building (ASan + UBSan)"
  cmake --build "$BUILD" -j "$jobs"
  echo "==> running every test under ASan + UBSan + LeakSanitizer"
  ctest --test-dir "$BUILD" --output-on-failure --timeout 900 -j "$jobs" -LE 'package|lint' "$@"
else
  echo "==> building the reliability tests (TSan)"
  cmake --build "$BUILD" -j "$jobs" --target reliability_concurrency_test
  echo "==> running the concurrency tests under TSan"
  ctest --test-dir "$BUILD" --output-on-failure --timeout 600 -j 1 -R 'ReliabilityConcurrency' "$@"
fi
