#!/usr/bin/env bash
# Runs every test: installs packages, builds, then ctest (all labels, slow
# ones included).  Pass ctest options after the script, e.g.
#   scripts/test.sh -LE slow     # the quick subset
#   scripts/test.sh -R search    # one area
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/setup.sh"
echo "==> running tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
