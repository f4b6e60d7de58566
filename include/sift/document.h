// SPDX-License-Identifier: GPL-2.0-or-later
// A document as Sift indexes it: what the readers produce and the writer takes.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sift {

/// One article.  Plain data: copy and move freely.  Every field has a
/// default, so designated initializers may name only the fields they set.
///
/// Invariant expected by IndexWriter::add: `id` is non-empty, every string is
/// valid UTF-8 without NUL bytes.  Readers guarantee this; hand-built
/// documents are checked and rejected with ErrorCode::BadInput.
struct Document {
  std::string id{};     ///< Unique key (a file name without extension, a JSONL id).
  std::string title{};  ///< Headline; may be empty.
  /// True when the reader made `title` up from the body (a plain-text
  /// article without a headline is titled by its first sentence) rather
  /// than reading one the author wrote.  Such a title is shown and found by
  /// `title:` like any other, but its words do not weigh as title words in
  /// ranking (SearchOptions::ranking.title_weight): they are body words.
  bool title_derived = false;
  /// Body paragraphs in reading order, each without line breaks.  Positions
  /// jump between paragraphs, so a phrase never matches across two of them.
  std::vector<std::string> paragraphs{};
  std::string source{};  ///< Where it came from (a publication or folder); facet and filter field.
  std::string url{};     ///< Web address, if any.
  /// Where it was read, if from a file: the file of a text article,
  /// "FILE:LINE" (1-based) for a JSONL line, "FILE[INDEX]" (0-based) for an
  /// element of a JSON array, the form rejections use (Rejection::input).
  /// A "path" key inside a JSON document is ignored: the readers record
  /// where they read, which pruning (IndexWriter::index_paths) relies on.
  std::string path{};
  std::string author{};  ///< Author name(s), if any; searchable as author:NAME.
  std::string date{};    ///< Publication date "YYYY-MM-DD" (or empty); sortable, filterable.
  /// Keywords, each non-empty without commas; searchable as tag:NAME,
  /// filter and facet field field::kTags.
  std::vector<std::string> tags{};
  /// Values of keyword fields that have no member above, by field name:
  /// the extension point through which a new filter and facet field
  /// travels from a reader to the index without changing this struct.
  /// Each key must be such a field of the index (this version defines
  /// none, so any key is rejected with BadInput, naming it); each value is
  /// non-empty (and without commas in a field that takes several).  An
  /// empty list is the same as no entry.
  /// Indexed for filters and facets; the values of the fields the index
  /// also stores come back from Searcher::document and in Hit::keywords,
  /// those of the other fields do not.
  std::map<std::string, std::vector<std::string>> keywords{};
};

}  // namespace sift
