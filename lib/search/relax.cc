// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/relax.h"

#include <algorithm>

namespace sift::search {
namespace {

bool only_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

std::optional<std::string> any_word_query(std::string_view query,
                                          const std::vector<QueryWord>& words) {
  if (words.size() < 2) return std::nullopt;
  std::string out;
  std::size_t pos = 0;
  for (const auto& w : words) {
    if (!w.correctable || w.begin < pos || w.end <= w.begin || w.end > query.size()) {
      return std::nullopt;
    }
    if (!only_space(query.substr(pos, w.begin - pos))) return std::nullopt;
    const std::string_view text = query.substr(w.begin, w.end - w.begin);
    // A word that reads as an operator or a prefix would change meaning.
    if (text == "OR" || text == "AND" || text == "NOT" || text.starts_with("NEAR") ||
        text.starts_with("ADJ") || text.find_first_of("\"():*+-=~") == 0) {
      return std::nullopt;
    }
    if (!out.empty()) out += " OR ";
    out += text;
    pos = w.end;
  }
  if (!only_space(query.substr(pos))) return std::nullopt;
  return out;
}

}  // namespace sift::search
