#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# sift-serve's load targets, in one run over loopback (ctest label slow):
#   1. with 200 slow sockets held open (a header line every 2 s, never a
#      complete request), one honest wrk connection's /api/search p99 is
#      at most 50 ms;
#   2. 500 connections for 20 s of /api/search with snippets: no errors and
#      p99 at most 10 x p50;
# and prints the server's memory and /stats.  The index is the bench's
# generated news-10000 corpus (bench/tools/make_corpora.py), built once
# into the build tree.
#   load_test.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$1"
data="$build/bench-data"
# Timings of a sanitized build mean nothing (scripts/sanitize.sh runs every
# label): skip, which ctest reports as such (SKIP_RETURN_CODE 77).
if grep -q -a -e __asan_init -e __tsan_init "$build/examples/sift-serve"; then
  echo "skipped: sift-serve is built with a sanitizer"
  exit 77
fi
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk curl python3)"; exit 1; }
done

index="$data/load-index-news-10000"
if [ ! -e "$index/.ready" ]; then
  python3 "$root/bench/tools/make_corpora.py" --out "$data" --repo-corpus "$root/corpus" --sizes 10000
  rm -rf "$index"
  "$build/examples/sift-index" --db "$index" --synonyms "$root/corpus/synonyms.txt" \
    "$data/news-10000.jsonl" >/dev/null
  touch "$index/.ready"
fi

tmp="$(mktemp -d)"
server="" slow=""
cleanup() {
  for p in $slow $server; do
    if kill -0 "$p" 2>/dev/null; then kill "$p"; wait "$p" 2>/dev/null || true; fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
# Every client here is 127.0.0.1, so the per-address caps are lifted.
. "$here/start_sift_serve.sh"
start_sift_serve "$build" "$tmp" --db "$index" --threads 2 --rate 0 --max-connections 2000 \
  --max-connections-per-ip 2000 --idle-timeout 60 --access-log "$tmp/access.log"
echo "== $(cat "$tmp/out")"
curl -sf "${url}api/search?q=news&limit=1" | grep -q '"rank":1' ||
  { echo "sift-serve does not answer searches correctly"; exit 1; }
rss() { grep VmRSS "/proc/$server/status" | awk '{print $2}'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); server RSS $(rss) kB"

run_wrk() {  # CONNECTIONS SECONDS -> the RESULT json line
  local threads=$(($1 < 2 ? 1 : 2))
  SNIPPETS=1 wrk -t"$threads" -c"$1" -d"$2s" --timeout 10s -s "$root/bench/load/search.lua" "$url" |
    grep '^RESULT ' | cut -c8-
}
failed=0
check() {  # NAME JSON PYTHON-CONDITION
  python3 - "$@" <<'PY' || failed=1
import json, sys
name, r, cond = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
e = sum(r["errors"].values())
ok = eval(cond, {}, {"r": r, "errors": e})
print(f'{name}: {r["requests"]} requests, {r["rps"]:.0f}/s, p50 {r["p50_ms"]:.2f} ms, '
      f'p90 {r["p90_ms"]:.2f} ms, p99 {r["p99_ms"]:.2f} ms, max {r["max_ms"]:.1f} ms, '
      f'errors {json.dumps(r["errors"])} -> {"ok" if ok else "FAILED"} ({cond})')
sys.exit(0 if ok else 1)
PY
}

# 1. 200 slow sockets held open for the whole run, an honest client beside them.
python3 "$here/slow_sockets.py" "$port" 200 2 40 >"$tmp/slow" &
slow=$!
for _ in $(seq 100); do grep -q ready "$tmp/slow" && break; sleep 0.1; done
grep -q ready "$tmp/slow" || { echo "slow sockets did not connect"; exit 1; }
echo "open connections with the slow sockets: $(curl -s "${url}stats" | grep -o '"open_connections":[0-9]*')"
check "honest client, 1 connection, beside 200 slow sockets, 10 s" "$(run_wrk 1 10)" \
  'errors == 0 and r["p99_ms"] <= 50'
echo "server RSS $(rss) kB"

# 2. 500 connections for 20 s with snippets (the slow sockets still open).
check "500 connections, 20 s, snippets on" "$(run_wrk 500 20)" \
  'errors == 0 and r["requests"] > 0 and r["p99_ms"] <= 10 * r["p50_ms"]'
echo "server RSS $(rss) kB"
kill "$slow"; wait "$slow" 2>/dev/null || true; slow=""
cat "$tmp/slow"
grep -q ", 0 closed by the server" "$tmp/slow" || { echo "the server dropped slow sockets"; failed=1; }

echo "server /stats: $(curl -s "${url}stats")"
# libmicrohttpd's notes (a client leaving mid-request) are expected here;
# anything else on stderr is a failure.
if [ -s "$tmp/err" ]; then echo "sift-serve stderr:"; cat "$tmp/err"; fi
if grep -v 'sift-serve: libmicrohttpd: ' "$tmp/err"; then failed=1; fi
echo "access log: $(wc -l <"$tmp/access.log") lines"
exit "$failed"
