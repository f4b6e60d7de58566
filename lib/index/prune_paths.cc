// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/prune_paths.h"

#include <algorithm>
#include <cctype>
#include <string>
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

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool names_json_file(std::string_view file) {
  const auto dot = file.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(file.substr(dot));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".jsonl" || extension == ".ndjson" || extension == ".json";
}

}  // namespace

std::filesystem::path source_file(std::string_view stored) {
  std::string_view file = stored;
  if (stored.ends_with(']')) {
    const auto open = stored.rfind('[');
    if (open != std::string_view::npos &&
        all_digits(stored.substr(open + 1, stored.size() - open - 2)))
      file = stored.substr(0, open);
  } else if (const auto colon = stored.rfind(':');
             colon != std::string_view::npos && all_digits(stored.substr(colon + 1))) {
    file = stored.substr(0, colon);
  }
  return names_json_file(file) ? file : stored;
}

bool is_under(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto mismatch = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return mismatch.first == root.end();
}

}  // namespace sift::index
