#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: installs packages, builds, indexes corpus/ (with its
# synonym groups) and runs example searches that show what Sift does.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/setup.sh"

INDEX="$BUILD_DIR/corpus-index"
bin="$BUILD_DIR/examples"

echo
echo "==> indexing corpus/ into $INDEX"
# Five articles index in a blink: the demo index is rebuilt every run, so
# one left by an older version (another index format) never stops it.
rm -rf "$INDEX"
"$bin/sift-index" --db "$INDEX" --synonyms "$SIFT_ROOT/corpus/synonyms.txt" --prune "$SIFT_ROOT/corpus"

search() {
  echo
  echo "==> sift-search $*"
  "$bin/sift-search" --db "$INDEX" --limit 3 "$@"
}
search '"the time has come"'           # an exact phrase, pasted with curly quotes works too
search strikes                         # stemming: finds strike, strikes, striking
search Kiev                            # a synonym: finds the articles that say Kyiv
search '"the time has come" NEAR/5 allies'  # a phrase inside NEAR
search 'Stoltenberg NEAR/3 Economist'  # NEAR
search 'Secretary-General'             # hyphens: also matches "Secretary General"
search --filter source:corpus 'Macron -Joly'  # a filter and NOT
search 'title:debate'                  # a field
search 'what did Lavrov say?'          # graded: documents with every word first, then the rest
search 'Landsbergis/Lithuania'         # punctuation separates words, never empties the query
search Stoltenbreg                     # a misspelling: the correction's results, and it says so
