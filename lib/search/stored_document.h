// SPDX-License-Identifier: GPL-2.0-or-later
// The document data the writer stores with each Xapian document.
#pragma once

#include <string>
#include <string_view>

namespace sift::search {

/// The fields of the JSON object in Xapian::Document::get_data()
/// (see index/term_scheme.h): "text" is the body as indexed, paragraphs
/// joined by '\n'.
struct StoredDocument {
  std::string id, title, text, source, url, path, author, date;
  /// index::kDataParagraphStarts as stored (read with the text only):
  /// empty for documents written before it existed.
  std::string paragraph_starts;
};

/// Reads the stored JSON.  Missing or non-string fields are left empty, so
/// a document written by an older or newer writer still shows what it has.
/// With `with_text` false the body is skipped (left empty) without being
/// copied: a hit list without snippets needs only the short fields.
/// @throws sift::Error(Corrupt) when `data` is not a JSON object.
StoredDocument parse_stored_document(std::string_view data, bool with_text = true);

}  // namespace sift::search
