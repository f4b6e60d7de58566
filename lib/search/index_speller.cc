// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/index_speller.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sift::search {
namespace {

// Letters and apostrophes only, with at least one letter: the words the
// writer puts in the spelling table (index/document_builder.cc).
bool is_spelling_word(std::u32string_view w) {
  bool letter = false;
  for (const char32_t c : w) {
    if (u_isalpha(static_cast<UChar32>(c))) {
      letter = true;
    } else if (c != U'\'') {
      return false;
    }
  }
  return letter;
}

}  // namespace

std::u32string code_points(std::string_view s) {
  std::u32string out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

unsigned edit_distance(std::u32string_view a, std::u32string_view b) {
  // Three rows of the dynamic programme: d[i][j] is the distance between
  // a's first i and b's first j code points.
  const std::size_t n = b.size();
  std::vector<unsigned> before(n + 1), previous(n + 1), current(n + 1);
  for (std::size_t j = 0; j <= n; ++j) previous[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<unsigned>(i);
    for (std::size_t j = 1; j <= n; ++j) {
      const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      unsigned d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = d;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

bool better_candidate(const SpellingCandidate& a, const SpellingCandidate& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  if (a.frequency != b.frequency) return a.frequency > b.frequency;
  return a.word < b.word;
}

std::string correct_from_index_words(const Xapian::Database& db, std::string_view word,
                                     unsigned max_distance, const IndexSpellerLimits& limits) {
  if (max_distance == 0 || word.empty() || word.size() > limits.max_bytes) return {};
  const std::u32string target = code_points(word);
  if (target.size() < limits.min_chars) return {};
  // The first code point, as UTF-8: the prefix of the words to look at.
  // Words are indexed unprefixed and every Sift prefix is upper-case ASCII,
  // while indexed words are lower-case, so this lists words only.
  std::int32_t first_bytes = 0;
  {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(word.data()), first_bytes,
            static_cast<std::int32_t>(word.size()), c);
    if (c < 0 || u_isupper(c)) return {};
  }
  const std::string prefix(word.substr(0, static_cast<std::size_t>(first_bytes)));

  std::vector<std::string> close;  // Within max_distance, alphabetical.
  std::vector<unsigned> distances;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (++scanned > limits.max_scanned) break;
    const std::string term = *it;
    if (term == word) continue;
    const std::u32string candidate = code_points(term);
    const std::size_t longer = std::max(candidate.size(), target.size());
    if (longer - std::min(candidate.size(), target.size()) > max_distance) continue;
    const unsigned d = edit_distance(candidate, target);
    if (d > max_distance || !is_spelling_word(candidate)) continue;
    close.push_back(term);
    distances.push_back(d);
  }
  // Frequencies only for the few words within the distance: each is a
  // request to every remote shard.
  SpellingCandidate best;
  bool found = false;
  for (std::size_t i = 0; i < close.size(); ++i) {
    SpellingCandidate c{close[i], distances[i], db.get_collection_freq(close[i])};
    if (!found || better_candidate(c, best)) {
      best = std::move(c);
      found = true;
    }
  }
  if (!found) return {};
  if (db.get_collection_freq(std::string(word)) > best.frequency) return {};
  return best.word;
}

}  // namespace sift::search
