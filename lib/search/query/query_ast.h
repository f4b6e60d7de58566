// SPDX-License-Identifier: GPL-2.0-or-later
// The parsed query's syntax tree, between the parser and the builder.
//
// Internal to the query parser.  Its depth is bounded: only parentheses
// nest (at most QueryLimits::max_depth), NOT chains are folded to one node,
// and AND, OR and NEAR chains are flat lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sift::format {
struct FieldSpec;
struct TextFieldSpec;
}  // namespace sift::format

namespace sift::search {

struct Node {
  enum class Kind {
    Word,           ///< A plain word: stemmed, with synonyms.
    Exact,          ///< =word: the exact, unstemmed term.
    Phrase,         ///< "..." over exact terms.
    StemPhrase,     ///< ~"..." over stemmed terms.
    Wildcard,       ///< prefix*: `text` is the prefix as typed.
    FieldWord,      ///< title:word, author:NAME or author:"NAME" (`text_field`)
    FieldPhrase,    ///< title:"...": a stemmed text field's phrase.
    FieldWildcard,  ///< title:prefix*: a text field that accepts wildcards.
    Keyword,        ///< A keyword filter field (source:NAME, tag:NAME): `field`.
    Date,           ///< date:lo..hi (a filter); `lo` or `hi` may be empty.
    And,            ///< All children.
    Or,             ///< Any child.
    Not,            ///< Everything but the one child.
    Near,           ///< Children within `gaps` words of each other.
  };

  Kind kind = Kind::Word;
  /// Leaves: the text to analyze, pointing into the query string.
  std::string_view text;
  /// Leaves: the whole construct as typed ("title:strike"), for messages.
  std::string_view typed;
  /// Keyword: the registry's field (index/format/fields.h).
  const format::FieldSpec* field = nullptr;
  /// FieldWord, FieldPhrase, FieldWildcard: the registry's text field.
  const format::TextFieldSpec* text_field = nullptr;
  /// Date: the range's ends, "YYYY-MM-DD" or empty for an open end.
  std::string lo, hi;
  /// Near: gaps[i] is the n of the operator between children i and i+1.
  std::vector<std::uint32_t> gaps;
  /// Near: ADJ (operands in order) rather than NEAR.
  bool ordered = false;
  /// Written with a leading '+': must match even in a graded query.
  bool required = false;
  /// And: the user wrote AND between some of the children, so every child
  /// must match (the query is not graded).
  bool explicit_and = false;
  /// Word: the query's last word, still being typed (SearchOptions::
  /// partial_last_word); it also matches the words it begins.
  bool partial = false;
  std::vector<Node> children;
};

}  // namespace sift::search
