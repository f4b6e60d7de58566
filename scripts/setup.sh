#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what Sift needs from Debian (only what is missing), configures
# and builds.  Sourced by scripts/demo.sh and scripts/test.sh; safe to run
# again: it does nothing that is already done.
#
#   BUILD_DIR   build folder (default: build)
#   BUILD_TYPE  CMake build type (default: RelWithDebInfo)
set -euo pipefail

SIFT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SIFT_ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"

# Why each package is here: see README.md, "Dependencies".
SIFT_PACKAGES=(
  g++ cmake ninja-build pkg-config git            # toolchain
  libxapian-dev xapian-tools                      # the index and matcher; xapian-check, -tcpsrv, -replicate
  libicu-dev                                      # Unicode normalization and word breaks
  nlohmann-json3-dev libfmt-dev libcli11-dev      # document data, output, command lines
  zlib1g-dev                                      # CRC-32 of the stored records
  libmicrohttpd-dev                               # sift-serve's HTTP server (caps for hostile clients)
  googletest libgtest-dev libgmock-dev            # tests
  clang libclang-rt-14-dev                        # sanitizer build and libFuzzer targets
  chromium                                        # sift-serve's browser test (headless)
  libbenchmark-dev libsqlite3-dev libclucene-dev  # benchmarks and the peers they compare with
  python3 wrk                                     # benchmark corpus tools, HTTP load
  clang-format clang-tidy                         # the format check, the lint of lib/ (.clang-tidy)
  help2man                                        # man pages made from each program's --help
  man-db manpages manpages-dev python3-xapian     # relevance evaluation: its corpus and the raw-Xapian peer
  ${SIFT_EXTRA_PACKAGES:-}
)

sift_install_packages() {
  local missing=()
  for p in "${SIFT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js and npm (the browser test's playwright-core, the Brown corpus
  # for benchmarks) may come from another source; only a missing command
  # asks for Debian's packages.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    echo "==> installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

sift_build() {
  echo "==> configuring and building in $BUILD_DIR"
  cmake -S "$SIFT_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    -DSIFT_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

sift_install_packages
sift_build "$@"
