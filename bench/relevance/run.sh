#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The known-item relevance evaluation (bench/relevance/README.md): renders
# the English man pages of Debian's manpages and manpages-dev, hides each
# page's NAME line, searches for the page with queries made from its
# description, and scores Sift, raw Xapian and SQLite FTS5 side by side.
#
#   bench/relevance/run.sh            the whole evaluation (~1,100 pages)
#   bench/relevance/run.sh --check    the same, then fail unless the numbers are sane
#
# Environment:
#   BUILD       Sift build folder (default: build); it must hold
#               examples/sift-index and bench/relevance/sift-releval-query
#               (cmake --build BUILD --target sift-index sift-releval-query)
#   SIFT_INDEX, SIFT_QUERY  the two programs, when not under BUILD
#   SIFT_SEARCH examples/sift-search; when it exists, 20 queries per corpus
#               are checked to get the same ids from it as from the driver
#   OUT         results and caches (default: BUILD/relevance); the rendered
#               pages are cached in OUT/rendered, so a rerun is fast
#   PAGES       a seeded sample of this many pages (default: all)
#   JOBS        parallel man renderings (default 2)
#   PYTHON      a python3 that has python3-xapian (default /usr/bin/python3)
#   BASELINE    an earlier results.json to compare Sift with (default, for a
#               run over all pages: bench/relevance/before.json, main at 1a6fb5c)
# Results: OUT/results.md and OUT/results.json (scores), OUT/typed.md
# (queries typed as people type, with Sift's top three).
# Exit status: 0 done, 1 failed (or --check found a problem), 77 skipped:
# the packages below cannot be installed or the man pages are missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
check=""
case "${1:-}" in
  --check) check=--check ;;
  "") ;;
  *) echo "usage: bench/relevance/run.sh [--check]" >&2; exit 2 ;;
esac

build="${BUILD:-$root/build}"
sift_index="${SIFT_INDEX:-$build/examples/sift-index}"
sift_query="${SIFT_QUERY:-$build/bench/relevance/sift-releval-query}"
sift_search="${SIFT_SEARCH:-$build/examples/sift-search}"
out="${OUT:-$build/relevance}"
pages="${PAGES:-0}"
jobs="${JOBS:-2}"
python="${PYTHON:-/usr/bin/python3}"
baseline="${BASELINE:-}"
[ -n "$baseline" ] || [ "$pages" != 0 ] || baseline="$here/before.json"

# Why each is here: the pages and man(1) to render them, Debian's python3
# with the Xapian bindings (raw Xapian) and SQLite with FTS5.
RELEVANCE_PACKAGES=(man-db manpages manpages-dev python3 python3-xapian)

skip() { echo "bench/relevance: SKIPPED: $*" >&2; exit 77; }

missing=()
for p in "${RELEVANCE_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"; } || skip "cannot install ${missing[*]}"
fi
# Minimal images may drop /usr/share/man (dpkg path-exclude) or replace man.
sample=/usr/share/man/man2/chmod.2.gz
[ -f "$sample" ] || skip "$sample is missing (is /usr/share/man excluded in /etc/dpkg/dpkg.cfg.d?)"
MANWIDTH=80 man -l "$sample" 2>/dev/null | grep -q "^NAME" || skip "man -l $sample renders nothing"
"$python" -c "import xapian" 2>/dev/null || skip "$python cannot import xapian (python3-xapian)"
"$python" -c "import sqlite3; sqlite3.connect(':memory:').execute(
  'CREATE VIRTUAL TABLE t USING fts5(x)')" || skip "$python's sqlite3 has no FTS5"

for program in "$sift_index" "$sift_query"; do
  if [ ! -x "$program" ]; then
    echo "bench/relevance: $program is missing; build it with" >&2
    echo "  cmake --build $build --target sift-index sift-releval-query" >&2
    exit 1
  fi
done

start=$(date +%s)
stage() { echo "== $1 ($(($(date +%s) - start)) s)"; }
mkdir -p "$out/index"
stage "corpus -> $out"
"$python" "$here/corpus.py" --out "$out" --limit "$pages" --jobs "$jobs"
"$python" "$here/queries.py" --out "$out"
for corpus in hidden visible; do
  stage "sift, $corpus titles"
  agree=()
  [ -x "$sift_search" ] && agree=(--sift-search "$sift_search")
  "$python" "$here/sift_engine.py" --out "$out" --corpus "$corpus" \
    --sift-index "$sift_index" --sift-query "$sift_query" "${agree[@]}"
  stage "xapian and fts5, $corpus titles"
  "$python" "$here/peers.py" --out "$out" --corpus "$corpus"
done
stage "queries typed as people type -> $out/typed.md"
"$python" "$here/typed.py" --db "$out/index/sift-visible" --sift-query "$sift_query" \
  > "$out/typed.md"
stage "scores -> $out/results.md"
baseline_args=()
[ -z "$baseline" ] || baseline_args=(--baseline "$baseline")
"$python" "$here/score.py" --out "$out" $check "${baseline_args[@]}"
stage "done"
