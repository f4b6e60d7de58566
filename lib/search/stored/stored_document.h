// SPDX-License-Identifier: GPL-2.0-or-later
// A hit's stored document, read through the format's one record reader
// (index/format/record.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "xapian.h"

namespace sift::search {

/// The stored fields of one document.
struct StoredDocument {
  std::string id, title, source, url, path, author, date;
  std::vector<std::string> tags;
  /// The values of stored keyword fields, by field name (format::Summary).
  std::map<std::string, std::vector<std::string>> keywords;
  /// The body as indexed (paragraphs joined by '\n'); empty unless read.
  std::string text;
  /// The first word position of each line of `text` (0: none); empty
  /// unless the body was read.
  std::vector<std::uint32_t> paragraph_starts;
};

/// Reads the summary of `doc` (the document data), and with `with_body` its
/// body too (a compressed value slot, format::kBodySlot).  Without the body, nothing of the article
/// text is read or decompressed.  `where` names the index in messages.
/// @throws sift::Error(Corrupt) when a part it reads is damaged.
StoredDocument read_stored_document(const Xapian::Document& doc, bool with_body,
                                    std::string_view where);

}  // namespace sift::search
