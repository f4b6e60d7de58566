#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Keeps a read replica of a Sift index in sync with Xapian's replication
# tools, on loopback, and checks that Sift finds the same on the replica.
#
#   scripts/replica-demo.sh [BUILD_DIR]     (default: build)
#
# The recipe (docs/SCALING.md, "Replicas"):
#   1. The writer keeps changesets: XAPIAN_MAX_CHANGESETS=N in the
#      environment of sift-index (or of your program's IndexWriter).
#   2. xapian-replicate-server --interface 127.0.0.1 --port P MASTER_PARENT
#      serves every index under MASTER_PARENT (read-only; bind to loopback
#      or a private network: the protocol has no authentication).
#   3. xapian-replicate --host H --port P --master NAME REPLICA (add
#      --one-shot to copy once; without it, it polls every --interval s).
#   4. Searchers open REPLICA (a stub file Xapian keeps pointing at the
#      newest complete copy), as any index.
# Exit status 0 when the replica caught up twice and answered like the
# master; 1 otherwise.  Every server it starts is stopped on exit.
set -eu

build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
index="$build/examples/sift-index"
search="$build/examples/sift-search"
for program in "$index" "$search"; do
  [ -x "$program" ] || { echo "replica-demo: $program not built" >&2; exit 1; }
done
command -v xapian-replicate-server >/dev/null ||
  { echo "replica-demo: xapian-replicate-server missing (apt-get install xapian-tools)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sift-replica.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -s KILL -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# 1. The master index, written with changesets kept for replicas.
export XAPIAN_MAX_CHANGESETS=10
mkdir -p "$work/master" "$work/articles"
for f in "$root"/corpus/000_*.txt "$root"/corpus/001_*.txt "$root"/corpus/002_*.txt; do
  cp "$f" "$work/articles/"
done
"$index" --db "$work/master/news" --synonyms "$root/corpus/synonyms.txt" "$work/articles" >/dev/null

# 2. The replication server on a free loopback port.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
  # In its own session and process group, stopped with SIGKILL to that
  # group: xapian-replicate-server answers SIGTERM by signalling its whole
  # process group, which would otherwise hold this script and its caller.
  setsid xapian-replicate-server --interface 127.0.0.1 --port "$port" "$work/master" \
    >"$work/server.log" 2>&1 &
  server=$!
  sleep 0.3
  if kill -0 "$server" 2>/dev/null; then break; fi
  wait "$server" 2>/dev/null || true
  server=""
done
[ -n "$server" ] || { echo "replica-demo: cannot start xapian-replicate-server" >&2; exit 1; }
echo "replication server: 127.0.0.1:$port (pid $server)"

replicate() {
  xapian-replicate --host 127.0.0.1 --port "$port" --master news --one-shot --quiet \
    --reader-time 0 "$work/replica"
}

# The same query on master and replica must give the same JSON (elapsed time aside).
same_results() {
  for query in "kiev" "ukraine weapons" "\"targets in russia\"" "nato -macron"; do
    "$search" --db "$work/master/news" --json --limit 20 "$query" | grep -v elapsed_us >"$work/a.json"
    "$search" --db "$work/replica" --json --limit 20 "$query" | grep -v elapsed_us >"$work/b.json"
    if ! cmp -s "$work/a.json" "$work/b.json"; then
      echo "replica-demo: replica differs from master for '$query':" >&2
      diff "$work/a.json" "$work/b.json" >&2 || true
      exit 1
    fi
  done
}

count() { "$search" --db "$1" --json --limit 0 "nato OR ukraine" | sed -n 's/^  "total": \([0-9]*\),$/\1/p'; }

# 3. First copy, then searches on the replica.
replicate
same_results
echo "replica: $(count "$work/replica") documents match, same as master"

# 4. New commits on the master; the replica catches up.
cp "$root"/corpus/003_*.txt "$root"/corpus/004_*.txt "$work/articles/"
"$index" --db "$work/master/news" "$work/articles" >/dev/null
before=$(count "$work/replica")
replicate
after=$(count "$work/replica")
same_results
[ "$after" -gt "$before" ] || { echo "replica-demo: replica did not catch up ($before -> $after)" >&2; exit 1; }
echo "replica: caught up after new commits ($before -> $after matching documents), same results as master"
