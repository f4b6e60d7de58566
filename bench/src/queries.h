// SPDX-License-Identifier: GPL-2.0-or-later
// Deterministic query sets, one per query class, sampled from a corpus.
//
// Queries are kept structured (words, prefix, window, filter) rather than as
// strings: each engine adapter writes them in its own query language.  Every
// word is a run of ASCII letters taken from the text between spaces, so all
// four engines' tokenizers split it the same way, and every query is built
// from one document's text, so it has at least one hit in every engine that
// supports its class.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"

namespace bench {

enum class QueryClass {
  Rare,           ///< One term in a handful of documents.
  Medium,         ///< One term in about 1% of documents.
  Common,         ///< One term in about a quarter of documents.
  And,            ///< Two terms that occur together in a document.
  Or,             ///< Two medium terms.
  Phrase,         ///< Three consecutive words, exact forms.
  StemmedPhrase,  ///< A phrase with one word in another inflection.
  Prefix,         ///< The first five letters of a medium word, then '*'.
  Near,           ///< Two words three positions apart, within 5.
  Filtered,       ///< A medium term restricted to one source.
  SortDate,       ///< A medium term, newest first.
  Mix,            ///< A realistic blend of the classes above.
};

/// All classes, in report order.
const std::vector<QueryClass>& all_classes();

/// Lower-case name used in benchmark names ("rare", "stemmed_phrase", ...).
std::string_view class_name(QueryClass c);

/// One query.  Which fields are set depends on `kind`: words for every class
/// but Prefix; prefix for Prefix; window for Near; source for Filtered.
struct Query {
  QueryClass kind = QueryClass::Medium;
  std::vector<std::string> words;  ///< Lower-case ASCII words.
  std::string prefix;              ///< Lower-case ASCII letters.
  unsigned window = 0;             ///< Largest distance in positions.
  std::string source;              ///< Exact source value to filter on.
  bool by_date = false;            ///< Sort newest first instead of by score.
  /// The query in words, for error messages.
  std::string describe() const;
};

/// A misspelled word and the word it was made from.
struct Misspelling {
  std::string typo;
  std::string word;
};

/// The query sets of one corpus.
struct QuerySets {
  std::vector<std::vector<Query>> by_class;  ///< Indexed by QueryClass.
  /// Up to 200 misspellings of frequent words, one edit each (a
  /// transposition, deletion, insertion or substitution, in turn, at any
  /// position), none of them a word of the corpus: for suggestions.
  std::vector<Misspelling> misspellings;
  /// Up to 200 correctly spelled words of the corpus, of every frequency:
  /// a suggestion for one of them is a false alarm.
  std::vector<std::string> correct_words;
  const std::vector<Query>& of(QueryClass c) const {
    return by_class.at(static_cast<std::size_t>(c));
  }
};

/// Up to `per_class` queries of every class from `corpus`, the same on every
/// run and machine for the same corpus and seed.  A class may get fewer when
/// the corpus is too small to have them (a five-document corpus has few rare
/// terms).
QuerySets make_query_sets(const Corpus& corpus, std::size_t per_class, std::uint64_t seed = 42);

}  // namespace bench
