#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs every test: installs packages, builds, then
#   1. ctest on the GCC build, every label (slow, remote, browser included);
#   2. the whole suite again under ASan + UBSan + LeakSanitizer (clang);
#   3. the concurrency tests under ThreadSanitizer, and a libFuzzer smoke
#      run of every fuzz target (30 s each);
#   4. the benchmarks' quick mode (corpus/ and 10k documents, every engine),
#      so they never rot.
# Options after the script go to the first ctest only, e.g.
#   scripts/test.sh -LE slow     # a quick local run of step 1 (steps 2-4 skipped)
#   scripts/test.sh -R search    # one area (steps 2-4 skipped)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/setup.sh"

# Every ctest run has a default per-test timeout (tests that need longer set
# their own TIMEOUT): a hung test fails with its name instead of stalling CI.
echo "==> [1/4] running every test (GCC build)"
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j "$(nproc)" "$@"
if (($#)); then
  echo "==> a filtered run: skipping the sanitizer, fuzz and benchmark steps"
  exit 0
fi
echo "==> [2/4] every test under ASan + UBSan + LeakSanitizer"
"$here/sanitize.sh"
echo "==> [3/4] concurrency under TSan; fuzz smoke: 30 s per target"
"$here/sanitize.sh" thread
"$here/fuzz.sh" 30
echo "==> [4/4] benchmarks, quick mode"
timeout --kill-after=30 2400 "$SIFT_ROOT/bench/run.sh" --quick
echo "==> all tests passed"
