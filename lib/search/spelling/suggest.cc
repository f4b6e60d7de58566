// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/spelling/suggest.h"

#include <algorithm>
#include <cctype>

#include "search/spelling/index_speller.h"
#include "util/utf8.h"

namespace sift::search {

unsigned max_edit_distance(std::size_t chars) {
  if (chars >= 6) return 2;
  if (chars >= 4) return 1;
  return 0;
}

std::string correct_word(const Xapian::Database& db, const QueryWord& word) {
  if (!word.correctable || word.normalized.empty()) return {};
  const unsigned distance = max_edit_distance(util::count_code_points(word.normalized));
  if (distance == 0) return {};
  // Words made of digits or with inner punctuation (190-mile, f-16) are
  // names and numbers, not misspellings.
  if (std::any_of(word.normalized.begin(), word.normalized.end(),
                  [](unsigned char c) { return c < 0x80 && !std::isalpha(c); })) {
    return {};
  }
  const Xapian::doccount rare = db.get_doccount() / 1000;
  if (db.get_termfreq(word.normalized) > rare) return {};
  std::string fix = correct_from_index_words(db, word.normalized, distance);
  return fix == word.normalized ? std::string() : fix;
}

std::optional<std::string> corrected_query(const Xapian::Database& db, std::string_view query,
                                           const std::vector<QueryWord>& words) {
  std::vector<std::pair<const QueryWord*, std::string>> fixes;
  for (const auto& w : words) {
    if (w.begin >= w.end || w.end > query.size()) continue;
    if (auto fix = correct_word(db, w); !fix.empty()) fixes.emplace_back(&w, std::move(fix));
  }
  if (fixes.empty()) return std::nullopt;
  std::sort(fixes.begin(), fixes.end(),
            [](const auto& a, const auto& b) { return a.first->begin < b.first->begin; });
  std::string out;
  std::size_t pos = 0;
  for (const auto& [w, fix] : fixes) {
    if (w->begin < pos) continue;  // Overlapping spans: keep the first.
    out.append(query.substr(pos, w->begin - pos));
    out += fix;
    pos = w->end;
  }
  out.append(query.substr(pos));
  return out;
}

std::optional<std::string> suggest(const Xapian::Database& db, std::string_view query,
                                   const std::vector<QueryWord>& words, std::size_t found,
                                   std::size_t found_any, const MatchCounter& count) {
  if (found >= kFewHits) return std::nullopt;
  auto corrected = corrected_query(db, query, words);
  if (!corrected || *corrected == query) return std::nullopt;
  if (const auto all = count(*corrected, false); all && *all > found) return corrected;
  if (found_any == 0) {
    if (const auto any = count(*corrected, true); any && *any > 0) return corrected;
  }
  return std::nullopt;
}

}  // namespace sift::search
