// SPDX-License-Identifier: GPL-2.0-or-later
// The query language's syntax alone: query string -> syntax tree, and a
// printable form of the tree.  No index and no analysis: this is what the
// table tests of the lexer and parser check (tests/search/query_syntax_test.cc).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/format/fields.h"
#include "search/query/query_ast.h"
#include "search/query/query_parser.h"

namespace sift::search {

/// The syntax tree of `query`, or nothing when it has no items: the checks
/// of QueryParser::parse (size, UTF-8, NUL byte), the lexer and the
/// parser.  Repairs add a sentence to `warnings`.
/// @throws sift::Error(BadQuery) as QueryParser::parse does for a query
/// over a limit (size, nesting) or that is not text; never for its words,
/// which are analyzed later.
/// `text_fields`: the text fields the query language knows (the registry's).
std::optional<Node> parse_syntax(
    std::string_view query, const QueryLimits& limits, std::vector<std::string>& warnings,
    std::span<const format::TextFieldSpec> text_fields = format::text_fields());

/// One line that shows a syntax tree, for tests and debugging.  Leaves are
/// `kind:text` (the text as the lexer cut it, quoted when it holds a space
/// or is empty): `word:F-16`, `exact:strikes`, `phrase:"the time"`,
/// `stemphrase:"..."`, `wildcard:atta*`, a text field's `title:port`,
/// `title-phrase:"..."`, `title-wildcard:por*` (FieldWord, FieldPhrase,
/// FieldWildcard by the field's query name), `author:"jens weber"` (a field
/// without stems has only FieldWord), `source=reuters` (a keyword
/// field by its API name), `date:2024-05-01..2024-05-31` (the range's ends,
/// either may be empty).  Lists are `(and a b)`, `(and! a b)` (an AND the
/// user wrote), `(or a b)`, `(not a)`, `(near a /3 b /10 c)` and `(adj ...)`.
/// A leading `+` marks a required item, a trailing `~` the partial word.
std::string dump(const Node& node);

}  // namespace sift::search
