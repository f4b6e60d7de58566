#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the browser test's one npm dependency (playwright-core, pinned in
# package-lock.json) into DEST/node_modules with `npm ci`: no browser
# download, Debian's /usr/bin/chromium is driven instead.  Does nothing when
# DEST already holds this exact lock file's install.
#   install.sh DEST
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$1"
mkdir -p "$dest"
if [ -d "$dest/node_modules/playwright-core" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  echo "playwright-core already installed in $dest"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
