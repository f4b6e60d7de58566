// SPDX-License-Identifier: GPL-2.0-or-later
// Relaxing a query of plain words that finds nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "search/query_parser.h"

namespace sift::search {

/// For a query made only of two or more plain words (no quotes, fields,
/// operators, wildcards or prefixes: nothing but white space between the
/// words), the query that matches any of them: the words joined by " OR ".
/// People type questions ("what did stoltenberg say"); when no document
/// has every word, showing the documents with most of them beats showing
/// nothing.  The Searcher runs it only when the query itself finds nothing,
/// and says so in a warning.  nullopt for any other query.
std::optional<std::string> any_word_query(std::string_view query,
                                          const std::vector<QueryWord>& words);

}  // namespace sift::search
