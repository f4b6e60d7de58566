#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Load test of sift-serve with wrk (Debian package `wrk`), over loopback:
# for each connection count, 30 s of GET /api/search with snippets and 30 s
# without; reports requests/s and latency percentiles, and fails if wrk saw
# any error (connect/read/write/timeout, or an answer that was not 2xx).
#
#   bench/load/run.sh [--docs N] [--seconds S] [--connections "1 8 32 64"] [--threads T]
#
#   --docs         index the generated news-N corpus (default 10000; 0 = corpus/ only)
#   --seconds      length of each wrk run (default 30)
#   --connections  concurrencies to run (default "1 8 32 64")
#   --threads      sift-serve polling threads (default 8)
# Environment: BUILD (a RelWithDebInfo/Release tree with sift-serve and
# sift-index; default build), DATA (corpora, index, results; default
# build/bench-data).  Results: $DATA/results/load.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD:-$root/build}"
data="${DATA:-$root/build/bench-data}"
docs=10000 seconds=30 connections="1 8 32 64" threads=8
while (($#)); do
  case "$1" in
    --docs) docs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
done
for tool in wrk curl "$build/examples/sift-serve" "$build/examples/sift-index"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk curl; build sift-serve)" >&2; exit 2; }
done

# The index: corpus/ alone, or the bench's generated news corpus.
mkdir -p "$data/results"
if [ "$docs" = 0 ]; then
  inputs=("$root/corpus"); index="$data/load-index-corpus"
else
  python3 "$root/bench/tools/make_corpora.py" --out "$data" --repo-corpus "$root/corpus" --sizes "$docs" >&2
  inputs=("$data/news-$docs.jsonl"); index="$data/load-index-news-$docs"
fi
if [ ! -e "$index/.ready" ]; then
  rm -rf "$index"
  echo "== indexing ${inputs[*]} into $index" >&2
  "$build/examples/sift-index" --db "$index" --synonyms "$root/corpus/synonyms.txt" "${inputs[@]}" >&2
  touch "$index/.ready"
fi

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# wrk's connections all come from 127.0.0.1: lift the per-client caps.
"$build/examples/sift-serve" --db "$index" --port 0 --threads "$threads" --rate 0 \
  --max-connections 2000 --max-connections-per-ip 2000 --access-log "$tmp/access.log" \
  >"$tmp/out" 2>"$tmp/err" &
server=$!
url=""
for _ in $(seq 150); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "sift-serve did not start:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
echo "== $(cat "$tmp/out")" >&2

# A broken server must not look fast: one search has to find something.
curl -sf "${url}api/search?q=news&limit=1" | grep -q '"rank":1' ||
  { echo "sift-serve does not answer searches correctly" >&2; exit 1; }

report="$data/results/load.md"
{
  echo "sift-serve load, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores shared by wrk and the server" \
       "(load average before: $(cut -d' ' -f1-3 /proc/loadavg));"
  echo "index: ${inputs[*]##*/} ($(curl -s "${url}healthz" | grep -o '"documents":[0-9]*' | cut -d: -f2) documents), $threads server threads, ${seconds} s per row, 20 queries in turn, 10 hits per page"
  echo
  echo "| snippets | connections | requests/s | p50 ms | p99 ms | max ms | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} >"$report"
failed=0
for snippets in 1 0; do
  for c in $connections; do
    wrk_threads=$((c < 2 ? 1 : 2))
    line="$(SNIPPETS=$snippets wrk -t"$wrk_threads" -c"$c" -d"${seconds}s" --timeout 10s -s "$here/search.lua" "$url" | grep '^RESULT ' | cut -c8-)"
    row="$(python3 - "$line" "$snippets" "$c" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); e = r["errors"]; errors = sum(e.values())
print(f'| {"on" if sys.argv[2] == "1" else "off"} | {sys.argv[3]} | {r["rps"]:.0f} | {r["p50_ms"]:.1f} | '
      f'{r["p99_ms"]:.1f} | {r["max_ms"]:.0f} | {errors if errors == 0 else json.dumps(e)} |')
sys.exit(1 if errors or r["requests"] == 0 else 0)
PY
)" || failed=1
    echo "$row" | tee -a "$report"
  done
done
if [ -s "$tmp/err" ]; then echo "sift-serve stderr:" >&2; cat "$tmp/err" >&2; failed=1; fi
echo "== table: $report" >&2
cat "$report"
exit "$failed"
