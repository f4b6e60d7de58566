// SPDX-License-Identifier: GPL-2.0-or-later
// Spelling corrections from the index's own words, for indexes with remote
// shards.
//
// Why this exists: Xapian 1.4's remote backend has no spelling table, and
// Database::get_spelling_suggestion() silently skips remote sub-databases,
// so over tcp:// shards Xapian suggests nothing (or only what the local
// shards hold).  What the remote backend does serve is the term list
// (Database::allterms_begin(prefix)) with global frequencies, so for those
// indexes Sift looks for corrections among the exact (unprefixed) words, the
// same word space the writer puts in the spelling table
// (lib/index/document_builder.cc), with the rules of Xapian's corrector:
// Damerau-Levenshtein distance, smallest distance first, then the most
// frequent word, then the alphabetically first.  All-local indexes keep
// Xapian's own corrector (search/suggest.h).
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

/// The UTF-8 text `s` as code points (an invalid byte becomes U+FFFD).
std::u32string code_points(std::string_view s);

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
  /// At most this many index words sharing the first character are
  /// looked at (in alphabetical order); the rest are not candidates.
  std::size_t max_scanned = 200000;
};

/// The correction of `word` (normalized, as indexed) among the words of
/// `db` that start with the same code point and are within `max_distance`,
/// chosen by better_candidate(); words made of anything but letters and
/// apostrophes are not candidates (the spelling table holds no others).
/// Like Xapian's corrector, nothing is returned when the word itself is
/// more frequent than the best candidate.  @return "" when there is none.
/// Costs one term-list read per shard plus one frequency look-up per
/// candidate within the distance.
std::string correct_from_index_words(const Xapian::Database& db, std::string_view word,
                                     unsigned max_distance, const IndexSpellerLimits& limits = {});

}  // namespace sift::search
