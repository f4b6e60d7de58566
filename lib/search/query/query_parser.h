// SPDX-License-Identifier: GPL-2.0-or-later
// Sift's query language, parsed on top of the shared Analyzer.
//
// Xapian 1.4's QueryParser tokenizes with Xapian's own rules (no NFKC, no
// accent folding, no ICU word breaks), so it cannot be the query side of
// Sift's analyzer: a word would be split one way when indexed and another
// way when searched.  This small recursive-descent parser uses the same
// Analyzer as the writer and builds Xapian::Query objects directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/fields.h"
#include "search/query/parsed_query.h"
#include "search/stored/stem_forms.h"
#include "xapian.h"

namespace sift::search {

/// Parses query strings against one index.
///
/// Grammar (case-sensitive operators; lower-case and/or/not are words):
///   query   := or
///   or      := and ("OR" and)*
///   and     := near (["AND"] near)*          adjacent items are ANDed
///   near    := unary (("NEAR/n" | "ADJ/n" | "NEAR" | "ADJ") unary)*
///   unary   := ("NOT" | "-") unary | "+" unary | primary
///   primary := "(" or ")" | field ":" (word | phrase | range | "(" or ")") | "=" word
///            | "~"? phrase | word "*" | word
/// Phrases take straight or typographic double quotes (" “ ” „ « »).
///
/// Meaning:
///   word      Z+stem (every form), OR'ed (OP_SYNONYM) with its synonyms; a
///             word the analyzer splits (F-16) is the phrase of its parts OR
///             the joined term ("f16").  Runs of 2-3 adjacent plain words are
///             also looked up as synonym keys ("united states" -> us).
///   "phrase"  OP_PHRASE over exact terms; ~"phrase" over the exact forms
///             of each word's stem (stems carry no positions); one word in
///             quotes is its exact term.  =word is the exact term.
///   fields    the field registry's text fields (index/format/fields.h,
///             text_fields()): title:word|"phrase"|prefix* (S / ZS terms),
///             author:NAME (A terms, exact, in order); and its filter fields
///             (index/format/fields.h): source:NAME, tag:NAME and
///             date:FROM..TO (they restrict without scoring, exactly as
///             SearchOptions::filters do; ends are YYYY[-MM[-DD]] dates of
///             the calendar, either may be open).
///             title:( ... ) and author:( ... ) apply the field to every word
///             and phrase of the group.  An unknown field (foo:bar) is
///             searched as words, with a warning.
///   prefix*   the exact terms starting with the analyzed prefix.
///   NEAR/n    at most n words between the operands (ADJ/n: in order);
///             n defaults to 10 and is capped at max_near_window.  Operands
///             are words, phrases, wildcards, title:/author: values or an OR
///             of single words; anything else makes it an AND (warning).  A
///             phrase operand is approximated (see query_near.cc) and the
///             description says so.
///   NOT, -    a purely negative query matches every document except those.
///             A '-' or '+' glued to one or two letters (`-r`, `+x`) or
///             starting `--` (`--help`) reads as a command-line option:
///             it is searched as a word, with a warning saying so.
///   +item     required: matches even in a graded query (below).
///
/// Graded matching: a query of two or more items, at least one of them a
/// plain word (not +word), with no explicit AND or OR at its top, is
/// graded (ParsedQuery::graded): documents with every word rank first, by
/// BM25; then documents with some of the words, by BM25 over the words
/// they have, which counts each word by its rarity and frequency, so more
/// and rarer words rank higher.  Phrases, fields, +items, filters and
/// NOT/- keep their strict meaning in both tiers.  A word the analyzer
/// splits without joining it (parser/composer, an unspaced CJK or Thai run)
/// is several words; a hyphenated word stays one (its phrase or joined
/// form).  ParsedQuery::query stays the strict, all-words query.
/// Malformed input (unbalanced quotes or parentheses, operators without an
/// operand, a lone '-', an empty phrase, a bad date) is repaired with a
/// warning.  Not thread-safe (uses the Analyzer); one parser per thread.
class QueryParser {
 public:
  /// `analyzer`, `db` and `forms` must outlive the parser.  `db` supplies
  /// synonyms, wildcard expansions and term statistics; `forms` the exact
  /// forms of stems for stemmed phrases and NEAR (null: `db`'s stem map,
  /// for an index that is one database).  `text_fields`: the text fields
  /// (title:, author:) of the field registry (tests pass their own).
  QueryParser(analysis::Analyzer& analyzer, const Xapian::Database& db, QueryLimits limits = {},
              StemForms* forms = nullptr,
              std::span<const format::TextFieldSpec> text_fields = format::text_fields());

  /// @throws sift::Error(BadQuery) for an impossible query (empty after
  /// analysis, over a limit, a wildcard past its cap, invalid UTF-8 or a
  /// NUL byte), with
  /// a message that says why.  Everything else parses best-effort with
  /// warnings.  A database failure while reading synonyms or wildcard
  /// expansions is a sift::Error with its own code (IO, Corrupt, ...),
  /// except Xapian::DatabaseModifiedError (a writer committed while the
  /// parser read), which passes through for the caller to reopen and retry.
  /// Runs in time linear in the query's length.
  ParsedQuery parse(std::string_view query, const ParseOptions& options = {});

 private:
  analysis::Analyzer& analyzer_;
  const Xapian::Database& db_;
  QueryLimits limits_;
  std::span<const format::TextFieldSpec> text_fields_;
  StemForms own_forms_;
  StemForms* forms_;
};

}  // namespace sift::search
