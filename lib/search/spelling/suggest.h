// SPDX-License-Identifier: GPL-2.0-or-later
// Spelling suggestions, offered only when they help.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/query/parsed_query.h"
#include "xapian.h"

namespace sift::search {

/// A query that finds fewer matches than this is worth correcting.  On an
/// index of a handful of documents "little" cannot be a fraction of the
/// index, so it is a small absolute number.
inline constexpr std::size_t kFewHits = 3;

/// The edit distance allowed when correcting a word of `chars` code
/// points: 2 from 6 characters, 1 for 4 or 5, none (0) for shorter words,
/// which have too many close neighbours to guess from.
unsigned max_edit_distance(std::size_t chars);

/// The correction for one query word, or an empty string.  The word is
/// corrected only when it is rare in `db` (in no more documents than
/// db size / 1000, i.e. absent on small indexes) and the index has a word
/// within max_edit_distance() (search/spelling/index_speller.h: the index's own
/// words and frequencies, so the writer keeps no spelling table).
std::string correct_word(const Xapian::Database& db, const QueryWord& word);

/// Replaces query[word.begin, word.end) by the correction for each word
/// that has one.  @return nullopt when no word was corrected.
std::optional<std::string> corrected_query(const Xapian::Database& db, std::string_view query,
                                           const std::vector<QueryWord>& words);

/// Counts the matches of a query string (parsed and filtered the same way
/// as the original); nullopt if it does not parse.
using MatchCounter = std::function<std::optional<std::size_t>(const std::string&)>;

/// The suggestion for `query`, which found `found` matches: only when
/// found < kFewHits, some word is corrected, and the corrected query finds
/// more than `found`.
std::optional<std::string> suggest(const Xapian::Database& db, std::string_view query,
                                   const std::vector<QueryWord>& words, std::size_t found,
                                   const MatchCounter& count);

}  // namespace sift::search
