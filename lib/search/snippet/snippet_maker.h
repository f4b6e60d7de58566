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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "search/snippet/snippet.h"
#include "search/stored/stem_forms.h"
#include "search/stored/stored_document.h"
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

/// Builds the snippets of one search's hits.
///
/// Holds references to its arguments: they must outlive it.  Not
/// thread-safe (the Analyzer is not).
class SnippetMaker {
 public:
  /// `db` null: no hints from the index (remote shards, where each
  /// position list is a round trip), every body is analyzed as a whole;
  /// so it is too with more than 32 highlight terms, counting each stem's
  /// exact forms (a wildcard's expansion: one position list per term and
  /// hit).  `forms` gives the exact forms of the highlighted stems (stems
  /// carry no positions); it is used only with `db`.
  SnippetMaker(analysis::Analyzer& analyzer, const HighlightTerms& terms,
               const Xapian::Database* db, StemForms* forms);

  /// The snippet of hit `did` (a document id of `db`) whose stored data is
  /// `doc`: make_snippet() of its title and text, with the index's bounds
  /// when the document has paragraph starts.
  std::string make(Xapian::docid did, const StoredDocument& doc, std::size_t max_chars) const;
  /// The same snippet written with `markup`, and its marks.
  Highlighted make(Xapian::docid did, const StoredDocument& doc, std::size_t max_chars,
                   const Markup& markup) const;

 private:
  analysis::Analyzer& analyzer_;
  const HighlightTerms& terms_;
  const Xapian::Database* db_;
  std::vector<std::pair<std::string, std::size_t>> xapian_terms_;  // term, key index
  std::size_t keys_ = 0;
};

}  // namespace sift::search
