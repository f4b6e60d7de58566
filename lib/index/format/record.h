// SPDX-License-Identifier: GPL-2.0-or-later
// The stored record of a document: one writer (encode_*, store_records) and
// one reader (decode_*, summary_bytes, body_bytes) for the two parts Sift
// stores.
//
//   summary  the document data: id, title, source, url, path, author, date,
//            then the tags (a count and the tags), then, only when the
//            document has values of stored keyword fields (the registry's
//            `stored` rows, format/fields.h), those fields (a count, then
//            each field's name, a count and its values).  A summary
//            without them is byte for byte what it was before the section
//            existed.
//            A hit list reads only this, from glass's docdata table, as a
//            plain Xapian application reads its own data.
//   body     value slot kBodySlot, compressed by Sift: the body text as
//            indexed (paragraphs joined by '\n', so analyzer offsets
//            computed on it at query time are exact) and each paragraph's
//            first word position, which lets a snippet analyze only the
//            paragraphs that can hold a match.  A value rather than the data
//            so that a hit list never inflates it, and in the postlist table
//            rather than beside the summaries so that hit lists keep the
//            docdata blocks they need cached.
//
// Both are binary: a version byte, the fields as varint-length-prefixed
// bytes (numbers as varints; the body's fields zlib-compressed behind their
// uncompressed size), and a CRC-32 (zlib's) of everything before it,
// little-endian.  A reader that finds anything else (a short record, lengths
// past the end, a wrong checksum) returns nullopt and the caller reports
// Corrupt: damage to the part a search reads is never shown as text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xapian.h"

namespace sift::format {

/// The short fields of a document: everything a hit shows but the snippet.
struct Summary {
  std::string id, title, source, url, path, author, date;
  std::vector<std::string> tags;
  /// The values of stored keyword fields, by field name
  /// (format::stored_keywords); fields without values are not stored.
  std::map<std::string, std::vector<std::string>> keywords{};
  bool operator==(const Summary&) const = default;
};

/// The body as stored.
struct Body {
  /// The body as indexed: paragraphs joined by '\n'.
  std::string text;
  /// For each line of `text` (split at '\n', in order), the position of
  /// its first indexed word, or 0 when it has none.
  std::vector<std::uint32_t> paragraph_starts;
  bool operator==(const Body&) const = default;
};

/// Entries of `summary.keywords` with no values are left out.
std::string encode_summary(const Summary& summary);
/// @return nullopt when `bytes` is not a summary encode_summary wrote.
std::optional<Summary> decode_summary(std::string_view bytes);

std::string encode_body(std::string_view text, const std::vector<std::uint32_t>& paragraph_starts);
/// @return nullopt when `bytes` is not a body encode_body wrote.
std::optional<Body> decode_body(std::string_view bytes);

/// Stores both records in `doc`, each where the format keeps it.
void store_records(Xapian::Document& doc, const Summary& summary, std::string_view text,
                   const std::vector<std::uint32_t>& paragraph_starts);
/// The stored bytes of the summary (decode with decode_summary).
std::string summary_bytes(const Xapian::Document& doc);
/// The stored bytes of the body (decode with decode_body).
std::string body_bytes(const Xapian::Document& doc);

}  // namespace sift::format
