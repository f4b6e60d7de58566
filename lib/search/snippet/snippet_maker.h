// SPDX-License-Identifier: GPL-2.0-or-later
// The snippets of one search's hits, guided by the index where it can
// (body_bounds.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "search/snippet/body_bounds.h"
#include "search/snippet/snippet.h"
#include "search/stored/stem_forms.h"
#include "search/stored/stored_document.h"
#include "xapian.h"

namespace sift::search {

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
