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
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "search/stem_forms.h"
#include "xapian.h"

namespace sift::search {

/// Bounds that keep every query's work linear and small.  Exceeding one is
/// an error (sift::Error BadQuery) whose message names the limit.
struct QueryLimits {
  std::size_t max_query_bytes = 64 * 1024;  ///< Longest query string.
  std::size_t max_terms = 1024;             ///< Most terms after analysis and expansion.
  std::size_t max_depth = 64;               ///< Deepest nesting of parentheses.
  std::size_t max_wildcard_terms = 1000;    ///< Most terms one prefix* may expand to.
  std::uint32_t max_near_window = 50;       ///< Largest n in NEAR/n and ADJ/n.
};

/// A word of the query as typed, for spelling suggestions: replacing
/// query[begin, end) with a correction gives the corrected query.
struct QueryWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string normalized;   ///< Analyzer's exact form ("stoltenbreg").
  bool correctable = true;  ///< False inside fields, wildcards, =exact words.
};

/// The parser's output.
struct ParsedQuery {
  /// The query to run (filters from SearchOptions are added by the Searcher).
  Xapian::Query query;
  /// The query in words, e.g. `(stem:nato AND phrase:"the time has come")`.
  std::string description;
  /// What was ignored or repaired, one sentence each
  /// ("unbalanced quote: searched the rest as words").
  std::vector<std::string> warnings;
  /// Expansions applied, one line each ("strikes -> stem strike",
  /// "kiev -> synonyms kyiv, київ", "atta* -> attack, attacks").
  std::vector<std::string> expansions;
  /// Normalized exact forms whose occurrences should be highlighted
  /// (phrase words, =words, wildcard expansions, synonym spellings' words).
  std::vector<std::string> highlight_exact;
  /// Stems whose every form should be highlighted (plain words and their
  /// synonyms), without the Z prefix.
  std::vector<std::string> highlight_stems;
  /// The query's words in order, for spelling correction: plain and
  /// phrase words (correctable), and the words of fields, wildcards and
  /// =words (not correctable).  A hyphenated word gives one entry per part.
  std::vector<QueryWord> words;
  /// True if the query has a positive part (not only NOT clauses).
  bool has_positive = false;
  /// The graded form of a query of plain words (see QueryParser), or an
  /// empty query when the query is not graded.  It matches the documents
  /// with any of the words (and every required part) and ranks those with
  /// all of them first: their weight is raised by kAllWordsBonus.
  Xapian::Query graded;
  /// The documents of `graded`'s all-words tier (with its filters and
  /// NOTs), or an empty query when the query is not graded.
  Xapian::Query all_words;
};

/// What a document with every word of a graded query gains in weight: more
/// than any BM25 weight a query within QueryLimits can reach (a term's BM25
/// weight is at most (k1 + 1) * idf, idf < 23 for 2^32 documents, times
/// max_terms), so those documents rank first.  Subtract it to show a score.
inline constexpr double kAllWordsBonus = 1e6;

/// A graded query's all-words tier does not require a plain word that is
/// in more than this share of the documents (it still adds its weight),
/// unless every word is that common.  Chosen by the sweep in
/// bench/relevance/README.md.
inline constexpr double kCommonWordShare = 0.1;
/// Below this many documents no word counts as common: in a handful of
/// documents a share says nothing about a word.
inline constexpr Xapian::doccount kCommonWordMinDocs = 100;

/// Per-search choices of the parser.
struct ParseOptions {
  /// The last word, when the query does not end with white space, also
  /// matches the indexed words it begins (search-as-you-type), up to
  /// kPartialExpansions of them, the most frequent first.
  bool partial_last_word = false;
  /// A plain word found in the title weighs this much more: its title
  /// term's BM25 weight, scaled by this factor, is added (0: not at all).
  double title_weight = 0.0;
};

/// The most words a partial last word expands to.
inline constexpr std::size_t kPartialExpansions = 64;

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
///   fields    title:word|"phrase"|prefix* (S / ZS terms), author:NAME (A
///             terms), and the field registry's filter fields
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
  /// for an index that is one database).
  QueryParser(analysis::Analyzer& analyzer, const Xapian::Database& db, QueryLimits limits = {},
              StemForms* forms = nullptr);

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
  StemForms own_forms_;
  StemForms* forms_;
};

}  // namespace sift::search
