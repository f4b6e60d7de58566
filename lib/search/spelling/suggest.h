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
/// as the original): with `any_word`, documents with any of its plain
/// words (the graded query), else documents with all of them; nullopt if it
/// does not parse.
using MatchCounter = std::function<std::optional<std::size_t>(const std::string&, bool any_word)>;

/// The suggestion for `query`, whose documents with all its words number
/// `found` and with any of them `found_any`: only when found < kFewHits,
/// some word is corrected, and the corrected query finds more documents
/// with all its words than `found`, or, when the query as typed found
/// nothing at all, finds some with any of its words (`zzzq ukrane`: the
/// word that has no correction must not keep `ukraine` from being offered).
std::optional<std::string> suggest(const Xapian::Database& db, std::string_view query,
                                   const std::vector<QueryWord>& words, std::size_t found,
                                   std::size_t found_any, const MatchCounter& count);

}  // namespace sift::search
