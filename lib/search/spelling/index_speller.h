// SPDX-License-Identifier: GPL-2.0-or-later
// Spelling corrections from the index's own words.
//
// Why not Xapian's spelling table: keeping it cost about 65% of the
// writer's extra CPU, Xapian 1.4.22 can corrupt it in normal use (a test
// with 2,250 "qx...vv" words reproduces it, tests/index), and its remote
// backend serves none, so over tcp:// shards it suggested nothing.  The
// term list (Database::allterms_begin(prefix)) with global frequencies is
// already in every index, local or remote, so Sift looks for corrections
// among the exact (unprefixed) words, with the rules of Xapian's
// corrector: Damerau-Levenshtein distance, smallest distance first, then
// the most frequent word, then the alphabetically first.  The writer pays
// nothing for it.
//
// Internal to the searcher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "xapian.h"

namespace sift::search {

/// The edit distance between two code point sequences: the fewest
/// insertions, deletions, substitutions and transpositions of two adjacent
/// code points that turn `a` into `b` (the restricted Damerau-Levenshtein
/// distance, which Xapian's spelling corrector uses too).
unsigned edit_distance(std::u32string_view a, std::u32string_view b);

/// A possible correction.
struct SpellingCandidate {
  std::string word;
  unsigned distance = 0;        ///< edit_distance() from the misspelled word.
  std::uint64_t frequency = 0;  ///< Occurrences in the index (collection frequency).
};

/// True if `a` is the better correction: the smaller distance, then the
/// higher frequency, then the alphabetically (bytewise) first word.
bool better_candidate(const SpellingCandidate& a, const SpellingCandidate& b);

/// Bounds on the work of one correction (documented in docs/SCALING.md).
struct IndexSpellerLimits {
  /// Words of fewer code points are not corrected (too many neighbours).
  std::size_t min_chars = 3;
  /// Words longer than this (the analyzer's default max_token_bytes: no
  /// indexed word is longer) are not corrected.
  std::size_t max_bytes = 64;
  /// At most this many index words are looked at (in alphabetical order
  /// within each prefix); the rest are not candidates.
  std::size_t max_scanned = 200000;
  /// For a typo in the first letter: at most this many first letters of
  /// the index (of the word's script) are tried in its place.
  std::size_t max_first_letters = 64;
};

/// The correction of `word` (normalized, as indexed) among the words of
/// `db` within `max_distance`, chosen by better_candidate(); words made of
/// anything but letters and apostrophes are not candidates (numbers and
/// codes are no corrections).  The candidates are the words that start
/// with the word's first code point, with its second (a first letter
/// inserted or transposed), or with another letter of its script followed
/// by its first or second (a first letter dropped or replaced).  A word
/// the index has is corrected only to a word at least 16 times as frequent
/// (Xapian's corrector asks for "no less frequent", which corrected about 1
/// correct rare word in 10 on generated news; bench/README.md).
/// @return "" when there is none.
/// Costs, per shard, a term-list read of each of those prefixes and one
/// seek per first letter of the index, plus one frequency look-up per
/// candidate within the distance.
std::string correct_from_index_words(const Xapian::Database& db, std::string_view word,
                                     unsigned max_distance, const IndexSpellerLimits& limits = {});

}  // namespace sift::search
