// SPDX-License-Identifier: GPL-2.0-or-later
// Results -> JSON: the one object `sift-search --json` prints and
// sift-serve's GET /api/search returns.  Keys are in documented order.
#pragma once

#include <sift/searcher.h>

#include <nlohmann/json.hpp>

namespace sift::examples {

/// The JSON form of `r`: query, explanation {parsed, xapian, expansions},
/// total, offset, limit, suggestion (string or null), warnings, hits [{rank,
/// id, title, title_highlighted, score, snippet, path, url, author, date,
/// source, keywords, all_words}] (as in sift::Hit; every key always
/// present, "" when the document has no such field; keywords as
/// keywords_to_json), facets (facets_to_json), cut_short, elapsed_us.
nlohmann::ordered_json results_to_json(const Results& r);

/// Hit::keywords or Document::keywords as {FIELD: [VALUE, ...], ...},
/// fields in name order; {} when there are none.
nlohmann::ordered_json keywords_to_json(const std::map<std::string, std::vector<std::string>>& k);

/// r.facets as {FIELD: {VALUE: COUNT, ...}, ...}, values in the results'
/// order (most documents first); source and month are always present.
nlohmann::ordered_json facets_to_json(const Results& r);

/// `j` as text, `indent` spaces per level (-1: one line); invalid UTF-8 in
/// strings is replaced with U+FFFD instead of throwing.
std::string dump_json(const nlohmann::ordered_json& j, int indent = -1);

}  // namespace sift::examples
