// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/spelling/index_speller.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "util/utf8.h"

namespace sift::search {
namespace {

// Letters and apostrophes only, with at least one letter: numbers, codes
// ("f16") and joined hyphen forms are not offered as corrections.
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

// The first code points of the index's lower-case words that are letters of
// `script`, at most `cap` of them: from each word the iterator skips to the
// first word after every word with that first code point.
std::vector<char32_t> first_letters(const Xapian::Database& db, UScriptCode script,
                                    std::size_t cap) {
  std::vector<char32_t> out;
  Xapian::TermIterator it = db.allterms_begin();
  const Xapian::TermIterator end = db.allterms_end();
  std::size_t seeks = 0;
  while (it != end && out.size() < cap && ++seeks <= 4 * cap + 64) {
    const std::string term = *it;
    std::size_t i = 0;
    const char32_t cp = util::next_code_point(term, i);
    if (cp == util::kReplacementChar) return out;
    const auto c = static_cast<UChar32>(cp);
    UErrorCode status = U_ZERO_ERROR;
    if (u_isalpha(c) && !u_isupper(c) && uscript_getScript(c, &status) == script) {
      out.push_back(cp);
    }
    // The smallest string after every term starting with c: c's UTF-8
    // bytes with the last one incremented (UTF-8 keeps code point order).
    std::string next = term.substr(0, i);
    while (!next.empty() && static_cast<unsigned char>(next.back()) == 0xff) next.pop_back();
    if (next.empty()) break;
    next.back() = static_cast<char>(static_cast<unsigned char>(next.back()) + 1);
    it.skip_to(next);
  }
  return out;
}

/// Scratch rows for bounded_distance(), kept across candidates.
struct DistanceRows {
  std::vector<unsigned> before, previous, current;
};

/// edit_distance(a, b), or any value above `bound` as soon as every entry of
/// a row is above it (the distance can only grow from there).
unsigned bounded_distance(std::u32string_view a, std::u32string_view b, unsigned bound,
                          DistanceRows& rows) {
  // Three rows of the dynamic programme: d[i][j] is the distance between
  // a's first i and b's first j code points.
  const std::size_t n = b.size();
  auto& [before, previous, current] = rows;
  before.assign(n + 1, 0);
  previous.resize(n + 1);
  current.assign(n + 1, 0);
  for (std::size_t j = 0; j <= n; ++j) previous[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<unsigned>(i);
    unsigned row_min = current[0];
    for (std::size_t j = 1; j <= n; ++j) {
      const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      unsigned d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    // A transposition reaches back two rows, so stop only when this row
    // and the one before are both past the bound.
    if (row_min > bound && i > 1 && *std::min_element(previous.begin(), previous.end()) > bound) {
      return bound + 1;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[n];
}

/// Code point counts in 32 buckets: a cheap lower bound on the distance.
using Histogram = std::array<int, 32>;

Histogram histogram(std::u32string_view s) {
  Histogram h{};
  for (const char32_t c : s) ++h[c % 32];
  return h;
}

/// No edit changes the bucket counts by more than 2 in all (a substitution
/// takes one and adds one; an insertion or deletion, one; a transposition,
/// none), so half their difference, rounded up, bounds the distance from
/// below (Xapian's corrector filters its candidates the same way).
unsigned histogram_bound(const Histogram& a, const Histogram& b) {
  unsigned difference = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    difference += static_cast<unsigned>(a[k] > b[k] ? a[k] - b[k] : b[k] - a[k]);
  }
  return (difference + 1) / 2;
}

/// How many times more frequent than a word of the index its correction
/// must be.
constexpr std::uint64_t kMoreFrequent = 16;

}  // namespace

unsigned edit_distance(std::u32string_view a, std::u32string_view b) {
  DistanceRows rows;
  return bounded_distance(a, b, static_cast<unsigned>(std::max(a.size(), b.size())), rows);
}

bool better_candidate(const SpellingCandidate& a, const SpellingCandidate& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  if (a.frequency != b.frequency) return a.frequency > b.frequency;
  return a.word < b.word;
}

std::string correct_from_index_words(const Xapian::Database& db, std::string_view word,
                                     unsigned max_distance, const IndexSpellerLimits& limits) {
  if (max_distance == 0 || word.empty() || word.size() > limits.max_bytes) return {};
  const std::u32string target = util::to_code_points(word);
  if (target.size() < limits.min_chars) return {};
  // The first code point, as UTF-8: the prefix of the words to look at.
  // Words are indexed unprefixed and every Sift prefix is upper-case ASCII,
  // while indexed words are lower-case, so this lists words only.
  std::size_t first_bytes = 0;
  const auto first = static_cast<UChar32>(util::next_code_point(word, first_bytes));
  if (first == static_cast<UChar32>(util::kReplacementChar) || u_isupper(first)) return {};

  std::vector<std::string> close;  // Within max_distance, each once.
  std::vector<unsigned> distances;
  std::size_t scanned = 0;
  std::u32string candidate;
  DistanceRows rows;
  const Histogram target_counts = histogram(target);
  // Every index word starting with `prefix` is a candidate.
  const auto scan = [&](const std::string& prefix) {
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      if (++scanned > limits.max_scanned) return;
      const std::string term = *it;
      // A code point is 1 to 4 bytes: cheap length bounds before decoding.
      if (term.size() + max_distance < target.size() ||
          term.size() > 4 * (target.size() + max_distance) || term == word) {
        continue;
      }
      util::decode_utf8(term, candidate);
      const std::size_t longer = std::max(candidate.size(), target.size());
      if (longer - std::min(candidate.size(), target.size()) > max_distance) continue;
      if (histogram_bound(histogram(candidate), target_counts) > max_distance) continue;
      const unsigned d = bounded_distance(candidate, target, max_distance, rows);
      if (d > max_distance || !is_spelling_word(candidate)) continue;
      if (std::find(close.begin(), close.end(), term) != close.end()) continue;
      close.push_back(term);
      distances.push_back(d);
    }
  };
  scan(std::string(word.substr(0, first_bytes)));
  // A typo in the first letter: the word may start with the typo's second
  // letter (an inserted or transposed first letter), or with any other
  // letter followed by the typo's first letter (a dropped first letter) or
  // its second (a replaced one).  The index's first letters are listed by
  // skipping from one to the next (one seek each), those of the typo's
  // script only, and each is looked at with two 2-letter prefixes.
  const std::u32string_view rest = std::u32string_view(target).substr(1);
  if (!rest.empty()) {
    scan(util::to_utf8(rest.substr(0, 1)));
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(first, &status);
    for (const char32_t letter : first_letters(db, script, limits.max_first_letters)) {
      // The typo's own first letter and its second were scanned whole.
      if (static_cast<UChar32>(letter) == first || letter == rest[0]) continue;
      scan(util::to_utf8(std::u32string{letter, target[0]}));
      scan(util::to_utf8(std::u32string{letter, rest[0]}));
    }
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
  // A word the index has is corrected only to a much more frequent one: a
  // rare correct word beside a common one is more often meant than
  // mistyped (Xapian's rule, "no less frequent", corrected rare correct
  // words in 1 of 10 queries on generated news).
  const Xapian::termcount own = db.get_collection_freq(std::string(word));
  if (own > 0 && best.frequency < kMoreFrequent * own) return {};
  return best.word;
}

}  // namespace sift::search
