// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/prune_paths.h"

#include <algorithm>
#include <system_error>

namespace sift::index {

std::filesystem::path comparable_path(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  if (ec) p = path;
  p = p.lexically_normal();
  if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
  return p;
}

bool is_under(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

}  // namespace sift::index
