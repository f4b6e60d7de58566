#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the benchmark corpora, builds sift-bench and runs every suite with
# Sift and its peers side by side, then writes the side-by-side tables.
#
#   bench/run.sh              corpus/, Brown, 10k and 100k news documents
#   bench/run.sh --quick      corpus/ and 10k only (CI: a few minutes)
#   bench/run.sh --full       adds 1,000,000 documents (about 2 GB of text)
#
# Environment: BUILD (Release build folder, default build-release), DATA
# (corpora, indexes, results; default build/bench-data), JOBS (default 2), BENCH_ARGS (extra
# sift-bench options, e.g. --benchmark_filter=query/).
# Results: $DATA/results/<mode>.json (Google Benchmark JSON), .txt (console),
# .md (tables from bench/tools/report.py).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mode=default
case "${1:-}" in
  --quick) mode=quick ;;
  --full) mode=full ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick|--full]" >&2; exit 2 ;;
esac

build="${BUILD:-$root/build-release}"
data="${DATA:-$root/build/bench-data}"
jobs="${JOBS:-2}"
case "$mode" in
  quick) sizes=10000; corpora=corpus,news-10000; per_class=50; rounds=2 ;;
  default) sizes=10000,100000; corpora=corpus,brown,news-10000,news-100000; per_class=100; rounds=3 ;;
  full) sizes=10000,100000,1000000; corpora=corpus,brown,news-10000,news-100000,news-1000000; per_class=100; rounds=3 ;;
esac

echo "== corpora -> $data"
python3 "$here/tools/make_corpora.py" --out "$data" --repo-corpus "$root/corpus" --sizes "$sizes"

echo "== build sift-bench in $build (Release)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSIFT_BUILD_BENCHMARKS=ON >/dev/null
ninja -C "$build" -j "$jobs" sift-bench

mkdir -p "$data/results"
out="$data/results/$mode"
echo "== run ($mode): $corpora"
start=$(date +%s)
# shellcheck disable=SC2086
"$build/bench/sift-bench" --data "$data" --corpora "$corpora" --per-class "$per_class" \
  --rounds "$rounds" --benchmark_out="$out.json" --benchmark_out_format=json ${BENCH_ARGS:-} \
  | tee "$out.txt"
echo "== took $(( $(date +%s) - start )) s"
python3 "$here/tools/report.py" "$out.json" > "$out.md"
echo "== tables: $out.md"
cat "$out.md"
# Fail when a benchmark errored for any reason other than a documented
# unsupported feature or a corpus too small for a class.
python3 "$here/tools/report.py" --check "$out.json"
