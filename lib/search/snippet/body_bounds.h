// SPDX-License-Identifier: GPL-2.0-or-later
// Snippets with the index's help: which paragraphs of a hit can hold a
// match, from the positions of the matched terms in that document.
//
// Re-analyzing a hit's whole body (ICU word break, normalization, stems)
// was most of the cost of a search with snippets.  The writer stores the
// first word position of each paragraph (format::Body); the
// positions of the highlight terms (Database::positionlist_begin) then say
// which paragraphs hold a match, how many distinct terms and how many
// matching positions each has, and make_snippet() analyzes only the
// paragraphs that can still give the best passage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/snippet/snippet.h"
#include "xapian.h"

namespace sift::search {

/// The bounds of each line of `text` from the highlight terms' positions
/// in document `did` of `db`; nullopt when the document has no (or no
/// usable) paragraph starts: none, or not matching `text`'s lines.
/// `terms` are positional Xapian terms (exact forms, unprefixed), each with
/// the index of its key (the stem a matching token counts as) in [0, keys).
/// @throws Xapian::Error from the database (the caller's retry handles
/// DatabaseModifiedError).
std::optional<BodyBounds> body_bounds(const Xapian::Database& db, Xapian::docid did,
                                      const std::vector<std::pair<std::string, std::size_t>>& terms,
                                      std::size_t keys, std::string_view text,
                                      const std::vector<std::uint32_t>& paragraph_starts);

}  // namespace sift::search
