// SPDX-License-Identifier: GPL-2.0-or-later
// The field registry: one row per field a document has that filters or
// facets use (as notmuch's prefix_table[], Xapian's add_prefix, tantivy's
// schema).  The rows drive the document builder (terms and values), the
// query language's field names (source:, tag:, date:), SearchOptions
// filters, the facets, and the writer's checks and content hash
// (document_builder.cc).  Adding a keyword field is one row here (with
// `values` left null, so it is read from Document::keywords under its
// name), its prefix and slot in layout.h, the reader that fills it, and
// its tests (see ARCHITECTURE.md, "Where to add a keyword field").  New
// terms are a format change: see the version policy in docs/FORMAT.md.
//
// The stored summary keeps the values of the Document::keywords fields
// marked `stored` (stored_keywords(), format/record.h), so hits and
// Searcher::document return them.
//
// Text fields (title, body, author words) are analyzed, positioned and
// stemmed by document_builder and the query builder, not through this table.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "xapian.h"

namespace sift::format {

inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

enum class FieldKind {
  /// Values matched whole: a boolean term per value (the value normalized
  /// like a query word when `normalized`), the value as given in `slot`.
  Keyword,
  /// A date "YYYY-MM-DD" in `slot`, filtered by range (ingest/iso_date.h).
  Date,
};

struct FieldSpec {
  std::string_view name;        ///< Filter and facet name (sift::field).
  std::string_view query_name;  ///< The query language's field, or empty.
  FieldKind kind;
  std::string_view term_prefix;  ///< Keyword: boolean term prefix (layout.h).
  Xapian::valueno slot;          ///< Values for facets or ranges, or kNoSlot.
  bool normalized;               ///< Keyword: terms are Analyzer::normalize'd.
  bool multi_valued;             ///< The slot holds a value list (encode_values).
  bool filter;                   ///< Accepted in SearchOptions::filters.
  bool facet;                    ///< Counted in Results::facets.
  /// The document's values of this field when it has a Document member
  /// (empty when it has none); null for a field kept in
  /// Document::keywords under `name`.  Read them with field_values().
  std::vector<std::string> (*values)(const Document&);
  /// Computed from another field (month from date): the writer checks and
  /// hashes the field it comes from, not this one.
  bool derived = false;
  /// A field kept in Document::keywords (`values` null) whose values the
  /// stored summary keeps under its name (stored_keywords()), so hits and
  /// Searcher::document return them; without it they are only indexed.  A
  /// field with a Document member is stored with that member whatever this
  /// says.
  bool stored = false;
};

/// The values `doc` has for `field` (empty when none).
std::vector<std::string> field_values(const FieldSpec& field, const Document& doc);

/// Every field of the registry, in a fixed order (facets are listed in it).
std::span<const FieldSpec> fields();

/// The field called `name` in the API (or, for tags, "tag"), or nullptr.
const FieldSpec* find_field(std::string_view name);

/// The field whose query language name is `name` (lower case), or nullptr.
const FieldSpec* find_query_field(std::string_view name);

/// "source, author, tags or date": the names find_field accepts, for
/// messages.  `facets`: the facet names instead.
std::string field_names(bool facets);

/// A multi-valued slot's bytes: the values joined by '\0' (document text
/// never holds NUL: the writer rejects it).
std::string encode_values(const std::vector<std::string>& values);
std::vector<std::string> decode_values(std::string_view bytes);

/// The values of `doc`'s fields in `fields` that are kept in
/// Document::keywords and marked `stored`, by field name, leaving out
/// fields without values: what the stored summary keeps of
/// Document::keywords (format::Summary::keywords).
std::map<std::string, std::vector<std::string>> stored_keywords(
    const Document& doc, std::span<const FieldSpec> fields = format::fields());

}  // namespace sift::format
