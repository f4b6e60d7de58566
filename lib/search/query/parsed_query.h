// SPDX-License-Identifier: GPL-2.0-or-later
// What parsing a query gives (ParsedQuery), and the choices and limits it
// is parsed under: shared by the parser, which is called with them, the
// builder, which fills a ParsedQuery from the syntax tree, and the
// spelling suggestions, which work on its words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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

}  // namespace sift::search
