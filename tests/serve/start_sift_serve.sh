# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the serve test scripts.
#   start_sift_serve BUILD TMP ARGS...
# Starts BUILD/examples/sift-serve --port 0 ARGS... in the background
# (stdout to TMP/out, stderr to TMP/err), waits up to 15 s for the URL it
# prints, and sets `server` (its pid), `url` and `port`.  Returns 1, after
# printing what the server said, if it does not start.
start_sift_serve() {
  local build="$1" tmp="$2"
  shift 2
  "$build/examples/sift-serve" --port 0 "$@" >"$tmp/out" 2>"$tmp/err" &
  server=$!
  url=""
  for _ in $(seq 150); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" || true)"
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "sift-serve did not start:"
    cat "$tmp/out" "$tmp/err"
    return 1
  fi
  port="${url##*:}"
  port="${port%/}"
}
