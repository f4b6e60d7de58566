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
// Text fields (title and author words: analyzed, positioned, perhaps
// stemmed) have a second table here, text_fields(): its rows drive the
// document builder's word terms and the query language's title:, author:
// fields and their syntax-tree nodes (Node::Kind::FieldWord and the like).
// Adding a text field is one row there, its prefixes in layout.h, and its
// tests (ARCHITECTURE.md, "Where to add a text field").  The body is not a
// row: its paragraphs, capitals and stem map are the document builder's.
//
// The stored summary keeps the values of the Document::keywords fields
// marked `stored` (stored_keywords(), format/record.h), so hits and
// Searcher::document return them.
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

/// A text field: its words analyzed as the body's are, each an exact term
/// with positions under `exact_prefix` (phrases, NEAR), searched with
/// `query_name:` in the query language.
struct TextFieldSpec {
  std::string_view query_name;    ///< The query language's field, lower case.
  std::string_view exact_prefix;  ///< Exact words, with positions (layout.h).
  /// Stems, without positions (a stemmed word's phrase goes through the
  /// exact forms, format/stem_map.h).  Empty: not stemmed; then a value
  /// is searched as its exact words in order, quoted or not (author:).
  std::string_view stem_prefix;
  /// Also indexed as body words (plain, stemmed and capitals terms) at
  /// positions before the body's (title): plain query words find it, and
  /// the field's query words are highlighted in the body.  Other fields'
  /// positions start at 1 each.
  bool in_body;
  /// The query language accepts `query_name:prefix*` (exact words only).
  bool wildcards;
  /// The field's text: a Document member, so content_hash covers it.
  std::string_view (*text)(const Document&);
};

/// Every text field, in a fixed order (the body-word fields first are
/// laid out before the body in that order).
std::span<const TextFieldSpec> text_fields();

/// The text field of `fields` whose query name is `name` (lower case), or
/// nullptr.
const TextFieldSpec* find_text_field(std::string_view name,
                                     std::span<const TextFieldSpec> fields = text_fields());

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
