#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The browser test of sift-serve's page: builds an index of corpus/ and
# tests/serve/data/news.jsonl, starts sift-serve on a free loopback port,
# runs browser/browser_test.mjs in headless Chromium, and always stops the
# server and removes the index (trap), pass or fail.
#   run_browser_test.sh BUILD_DIR NODE_DIR ARTIFACTS
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$1" node_dir="$2" artifacts="$3"

for tool in /usr/bin/chromium node; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install chromium nodejs)"; exit 1; }
done

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$build/examples/sift-index" --db "$tmp/db" --synonyms "$root/corpus/synonyms.txt" \
  "$root/corpus" "$here/data/news.jsonl" >/dev/null
"$build/examples/sift-serve" --db "$tmp/db" --port 0 >"$tmp/out" 2>"$tmp/err" &
server=$!
url=""
for _ in $(seq 150); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "sift-serve did not start:"; cat "$tmp/out" "$tmp/err"
  exit 1
fi
echo "sift-serve at $url"
status=0
node "$here/browser/browser_test.mjs" "$url" "$artifacts" "$node_dir" || status=$?
if [ -s "$tmp/err" ]; then echo "sift-serve stderr:"; cat "$tmp/err"; fi
exit "$status"
