// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/synonyms_file.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "index/format/layout.h"
#include "sift/error.h"
#include "util/utf8.h"

namespace sift::index {
namespace {

constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string where(const std::string& name, std::size_t line) {
  return name + ":" + std::to_string(line) + ": ";
}

// Splits one line (without its '\n') into spellings.
std::vector<std::string> split_line(std::string_view line, const std::string& name,
                                    std::size_t line_no) {
  std::vector<std::string> spellings;
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_blank(line[i])) {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      const std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) {
        throw Error(ErrorCode::BadInput, where(name, line_no) + "unterminated quote");
      }
      spellings.emplace_back(line.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      std::size_t end = i;
      while (end < line.size() && !is_blank(line[end])) ++end;
      spellings.emplace_back(line.substr(i, end - i));
      i = end;
    }
  }
  return spellings;
}

}  // namespace

std::vector<SynonymGroup> parse_synonyms(std::string_view text, const std::string& name) {
  std::vector<SynonymGroup> groups;
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++line_no;
    if (std::string problem = util::check_text(line); !problem.empty()) {
      throw Error(ErrorCode::BadInput, where(name, line_no) + problem);
    }
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first])) ++first;
    if (first < line.size() && line[first] != '#') {
      SynonymGroup group{line_no, split_line(line, name, line_no)};
      if (group.spellings.size() > format::kMaxSynonymSpellings) {
        throw Error(ErrorCode::BadInput,
                    where(name, line_no) + "a group of " + std::to_string(group.spellings.size()) +
                        " spellings; the limit is " + std::to_string(format::kMaxSynonymSpellings) +
                        " (split it into groups of closer meanings)");
      }
      groups.push_back(std::move(group));
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return groups;
}

std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::NotFound, path.string() + ": no such synonym file");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCode::BadInput, path.string() + ": is a folder, not a synonym file");
  }
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in || in.bad()) {
    throw Error(ErrorCode::IO, path.string() + ": cannot read the synonym file");
  }
  // A UTF-8 byte-order mark is accepted, as in every Sift input.
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return parse_synonyms(text, path.string());
}

}  // namespace sift::index
