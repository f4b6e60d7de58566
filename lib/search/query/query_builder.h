// SPDX-License-Identifier: GPL-2.0-or-later
// Syntax tree -> Xapian::Query, description, expansions and highlight lists.
//
// Internal to the query parser.  Words are analyzed here with the shared
// Analyzer and laid out per index/format/layout.h; synonyms, wildcard
// expansions and the exact forms of stems are looked up in the database.  The tree and the lookups
// are in query_builder.cc, the leaves (words, phrases, wildcards, fields) in query_leaves.cc,
// NEAR/ADJ in query_near.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/fields.h"
#include "search/query/parsed_query.h"
#include "search/query/query_ast.h"
#include "search/stored/stem_forms.h"
#include "xapian.h"

namespace sift::search {

class QueryBuilder {
 public:
  /// Results accumulate in `out` (warnings, expansions, highlight lists,
  /// words); `query` is the string the tree's text points into.
  QueryBuilder(analysis::Analyzer& analyzer, const Xapian::Database& db, StemForms& forms,
               const QueryLimits& limits, const ParseOptions& options, std::string_view query,
               ParsedQuery& out);

  /// Builds the whole query into out.query, out.description and
  /// out.has_positive.  @throws sift::Error(BadQuery) when nothing
  /// searchable is left, past max_terms, or for a wildcard past its cap.
  void build(const std::optional<Node>& root);

 private:
  /// What a subtree contributes to its parent.
  enum class Role {
    Positive,  ///< Matches and scores.
    Negative,  ///< `query` is what must NOT match.
    Filter,    ///< Matches without scoring (source:, tag:, date:).
  };
  struct Part {
    Xapian::Query query;
    std::string description;
    Role role = Role::Positive;
    /// A plain word in so many documents that a graded query's all-words
    /// tier does not require it (see common_word()).
    bool common = false;
  };
  /// A NEAR/ADJ operand: its positions as term-level slots (a term or an
  /// OR of terms, all Xapian 1.4 accepts there), the number of positions it
  /// spans, and the queries that must also hold (a phrase operand's phrase).
  struct Positional {
    std::vector<Xapian::Query> slots;
    /// When not empty, what weighs each slot: stemmed words are positioned
    /// by their exact forms (`slots`) but weighed by their stems' terms.
    std::vector<Xapian::Query> weights;
    std::vector<Xapian::Query> constraints;
    std::uint32_t width = 0;
    std::string description;
  };
  /// Term prefixes for a word or phrase: the body's, or a stemmed text
  /// field's (`field`, null for the body).
  struct Prefixes {
    std::string_view exact;
    std::string_view stem;
    const format::TextFieldSpec* field = nullptr;
  };
  /// The prefixes of `field`, or of the body when it is null.
  static Prefixes prefixes_of(const format::TextFieldSpec* field);

  std::optional<Part> node(const Node& n, bool negated);
  /// `graded`: also build out_.graded (the root of a plain query).
  std::optional<Part> all_of(const Node& n, bool negated, bool graded = false);
  /// The words of a plain Word node: one Part per word, several when the
  /// analyzer splits it without a joined form (parser/composer, 東京大学).
  std::vector<Part> plain_words(const Node& n, const std::vector<analysis::Token>& tokens,
                                bool negated);
  /// A plain word's Part plus its title boost and partial expansion.
  std::optional<Part> plain_word(const Node& n, const std::vector<analysis::Token>& tokens,
                                 bool negated);
  /// The indexed words that `prefix` begins, most frequent first.
  std::vector<std::string> completions(const std::string& prefix) const;
  std::optional<Part> any_of(const Node& n, bool negated);
  std::optional<Part> near(const Node& n, bool negated);
  std::optional<Part> word(const Node& n, const std::vector<analysis::Token>& tokens,
                           Prefixes prefixes, bool synonyms, bool negated);
  std::optional<Part> exact_word(const Node& n, bool negated);
  /// `n` as a NEAR/ADJ operand (no slots when it analyzes to nothing).
  std::optional<Part> phrase(const Node& n, Prefixes prefixes, bool stemmed, bool negated);
  /// Exact words of the body, or of `field` when not null.  `terms`, when
  /// given, receives the expansion (with the term prefix).
  std::optional<Part> wildcard(const Node& n, const format::TextFieldSpec* field, bool negated,
                               std::vector<std::string>* terms = nullptr);
  /// A value of a text field without stems (author:): its words' exact
  /// terms, in order.
  std::optional<Part> exact_words(const Node& n);
  std::optional<Part> keyword(const Node& n);
  std::optional<Part> date(const Node& n);
  Positional positional(const Node& n, bool negated);

  /// Tokens of a leaf's text, byte ranges made relative to the query.
  std::vector<analysis::Token> analyze(const Node& n);
  /// The synonyms stored for `key` (tokens joined by single spaces).
  std::vector<std::string> synonyms(const std::string& key) const;
  /// synonyms(key), or those of the word without "'s" (then `key` is cut);
  /// at most kMaxSynonymSpellings - 1 of them, with a warning when cut.
  std::vector<std::string> word_synonyms(std::string& key);
  /// Expansion of an exact-term prefix; throws past max_wildcard_terms.
  std::vector<std::string> expand(const std::string& prefix, std::string_view typed) const;
  /// OR(stem of the word, each synonym) with the explanation line.
  Part with_synonyms(const Part& original, const std::string& key,
                     const std::vector<std::string>& syns, bool negated);
  Xapian::Query phrase_query(const std::vector<Xapian::Query>& slots, std::uint32_t width);
  /// A position slot for `stem`: the OR of `exact_prefix` + each exact form
  /// with that stem (stems carry no positions); MatchNothing when the
  /// index has none.
  Xapian::Query stem_slot(std::string_view exact_prefix, const std::string& stem);
  /// The phrase of `slots` within `width`, weighed by `weights` when
  /// given (the AND of the weights, filtered by the phrase: a phrase of
  /// exact forms scored as the phrase of stems was), else by the slots.
  Xapian::Query weighed_phrase(const std::vector<Xapian::Query>& weights,
                               const std::vector<Xapian::Query>& slots, std::uint32_t width);

  /// True when `stem_term` is in more than kCommonWordShare of the
  /// documents of an index of at least kCommonWordMinDocs.
  bool common_word(const std::string& stem_term) const;
  Xapian::Query term(const std::string& t);
  void count_terms(std::size_t n);
  void note_word(const analysis::Token& t, bool correctable);
  void highlight_exact(const std::string& t, bool negated);
  void highlight_stem(const std::string& t, bool negated);
  void expansion(std::string line);

  analysis::Analyzer& analyzer_;
  const Xapian::Database& db_;
  StemForms& forms_;
  const QueryLimits& limits_;
  const ParseOptions& options_;
  std::string_view query_;
  ParsedQuery& out_;
  std::size_t terms_ = 0;
  /// Inside a graded all_of of several words: leaves find out whether
  /// their word is common (Part::common); elsewhere they need not look.
  bool check_common_ = false;
};

}  // namespace sift::search
