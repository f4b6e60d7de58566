// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/prune_paths.h"

#include <algorithm>
#include <system_error>

namespace sift::index {

namespace fs = std::filesystem;

namespace {

fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(path, ec);
  if (ec) out = path.lexically_normal();
  if (out.filename().empty() && out.has_parent_path() && out != out.root_path()) {
    out = out.parent_path();
  }
  return out;
}

}  // namespace

fs::path source_path(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  const fs::path name = absolute.filename();
  if (name.empty() || name == "." || name == ".." || fs::is_directory(absolute, ec)) {
    return resolved(absolute);
  }
  return resolved(absolute.parent_path()) / name;
}

bool is_under(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

}  // namespace sift::index
