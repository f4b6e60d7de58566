// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/prune_paths.h"

#include <algorithm>
#include <cctype>
#include <string>
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
