#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs each libFuzzer target for SECONDS seconds, one after the other.
#
#   scripts/fuzz.sh 30                    CI smoke: 30 s per target
#   scripts/fuzz.sh 600 query_parser      10 minutes on one target
#
#   FUZZ_BUILD_DIR  build folder (default: build-fuzz)
#   FUZZ_NICE       niceness of the fuzzer processes (default: 10)
#
# The targets are built with clang, ASan + UBSan and libFuzzer coverage
# (-fsanitize=fuzzer-no-link on the whole library).  Each run starts from
# the committed seeds (tests/fuzz/corpus/TARGET) and crashers
# (tests/fuzz/crashers/TARGET); inputs it discovers go to
# FUZZ_BUILD_DIR/fuzz-corpus/TARGET, never into the source tree.  A crash,
# leak, timeout (> 10 s for one input) or out-of-memory (> 2 GB) fails the
# script and leaves the input in FUZZ_BUILD_DIR/fuzz-artifacts/TARGET/:
# copy it into tests/fuzz/crashers/TARGET/ with the fix, so every later
# ctest run replays it.  A summary line per target (executions, result) is
# printed and appended to FUZZ_BUILD_DIR/fuzz-summary.txt.
set -euo pipefail
SIFT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
((${#targets[@]})) || targets=(analyzer text_reader jsonl_reader query_parser)

BUILD="${FUZZ_BUILD_DIR:-$SIFT_ROOT/build-fuzz}"
jobs="${SIFT_JOBS:-$(nproc)}"
niceness="${FUZZ_NICE:-10}"

echo "==> configuring the libFuzzer build in $BUILD"
CC=clang CXX=clang++ cmake -S "$SIFT_ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSIFT_SANITIZE=ON -DSIFT_FUZZ=ON \
  "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link -Wno-unknown-warning-option" \
  -DSIFT_BUILD_EXAMPLES=OFF -DSIFT_BUILD_BENCHMARKS=OFF -DSIFT_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "$jobs" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

failed=0
for target in "${targets[@]}"; do
  work="$BUILD/fuzz-corpus/$target"
  artifacts="$BUILD/fuzz-artifacts/$target/"
  log="$BUILD/fuzz-$target.log"
  mkdir -p "$work" "$artifacts"
  echo "==> fuzzing $target for $seconds s (log: $log)"
  status=0
  nice -n "$niceness" "$BUILD/tests/fuzz/fuzz_$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" \
    "$work" "$SIFT_ROOT/tests/fuzz/corpus/$target" "$SIFT_ROOT/tests/fuzz/crashers/$target" \
    >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if [ "$status" -eq 0 ]; then
    result="no crash"
  else
    result="FAILED (exit $status): $(grep -m1 -E 'ERROR|fuzz check failed|SUMMARY' "$log" || true)"
    failed=1
    tail -40 "$log"
    ls -l "$artifacts"
  fi
  line="$(date -u +%Y-%m-%dT%H:%MZ) $target: ${seconds}s, ${execs:-?} executions, $result"
  echo "$line" | tee -a "$BUILD/fuzz-summary.txt"
done
exit "$failed"
