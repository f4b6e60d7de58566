#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The benchmarks' smoke test (ctest bench.smoke): every suite and engine on
# the five corpus/ articles with a few queries, so the benchmarks never rot.
# Needs no network.  Usage: smoke.sh SIFT_BENCH SOURCE_DIR WORK_DIR
set -euo pipefail
bench="$1" source="$2" work="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$work"
mkdir -p "$work"
python3 "$here/make_corpora.py" --out "$work" --repo-corpus "$source/corpus" --sizes "" --no-brown
"$bench" --data "$work" --corpora corpus --per-class 5 --rounds 1 \
  --benchmark_out="$work/results.json" --benchmark_out_format=json
python3 "$here/report.py" "$work/results.json" > "$work/results.md"
grep -q "^### corpus" "$work/results.md"
python3 "$here/report.py" --check "$work/results.json"
