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
. "$here/start_sift_serve.sh"
start_sift_serve "$build" "$tmp" --db "$tmp/db" --access-log "$tmp/access.log"
echo "sift-serve at $url"
status=0
node "$here/browser/browser_test.mjs" "$url" "$artifacts" "$node_dir" || status=$?
if [ -s "$tmp/err" ]; then echo "sift-serve stderr:"; cat "$tmp/err"; fi
exit "$status"
