// SPDX-License-Identifier: GPL-2.0-or-later
// The search page's files, compiled into the binary (see embed_assets.cmake):
// the server never reads files from the disk.
#pragma once

#include <span>
#include <string_view>

namespace sift::serve {

struct Asset {
  std::string_view path;          ///< URL path, e.g. "/page.js".
  std::string_view content_type;  ///< e.g. "text/javascript; charset=utf-8".
  std::string_view body;
};

/// Every embedded file; "/" is the page itself.
std::span<const Asset> assets();

}  // namespace sift::serve
