// SPDX-License-Identifier: GPL-2.0-or-later
// The query's leaves: words, phrases, wildcards and fields -> Xapian terms.
#include <algorithm>
#include <utility>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "search/query/filters.h"
#include "search/query/query_builder.h"
#include "search/query/query_builder_util.h"
#include "search/query/synonym_tree.h"

namespace sift::search {
namespace {

using builder_util::group;
using builder_util::join;
using builder_util::parts_text;
using builder_util::Q;
using builder_util::span;
using builder_util::Split;
using builder_util::split;
using builder_util::Token;

/// Expansion lines list at most this many wildcard terms.
constexpr std::size_t kListedExpansions = 20;

/// The title boost of `in_title` (title terms of a word), scaled by
/// `weight`: only titles someone wrote weigh, not those a reader made from
/// the body (format::kDerivedTitle), whose words are body words too.
Q title_boost(const Q& in_title, double weight) {
  const Q written(Q::OP_AND_NOT, in_title, Q(std::string(format::kDerivedTitle)));
  return Q(Q::OP_SCALE_WEIGHT, written, weight);
}

}  // namespace

std::optional<QueryBuilder::Part> QueryBuilder::word(const Node& n,
                                                     const std::vector<Token>& tokens,
                                                     Prefixes prefixes, bool synonyms_on,
                                                     bool negated) {
  const Split s = split(tokens);
  if (s.parts.empty()) return std::nullopt;
  const bool correctable = n.kind == Node::Kind::Word;
  if (correctable && (n.text == "and" || n.text == "or" || n.text == "not")) {
    std::string upper(n.text);
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    expansion("'" + std::string(n.text) + "' is searched as a word; write " + upper +
              " for the operator");
  }
  // A text field's word (title:), or the body's.
  const format::TextFieldSpec* field = prefixes.field;
  const std::string label = field ? std::string(field->query_name) + ":" : std::string();
  std::string key;
  Part p;
  if (s.parts.size() == 1 && n.kind != Node::Kind::Exact) {
    const Token& t = *s.parts[0];
    note_word(t, correctable);
    const std::string stem = analyzer_.stem(t);
    highlight_stem(stem, negated);
    if (stem != t.text) expansion(t.text + " -> stem " + stem);
    p = Part{term(std::string(prefixes.stem) + stem), (field ? label : "stem:") + stem};
    key = t.text;
    const std::string capitals = std::string(format::kCapitals) + t.text;
    if (t.dotted && !field && db_.term_exists(capitals)) {
      // "U.S." is the acronym, wherever it is written in capitals (US,
      // U.S.), not every word that folds to "us".
      expansion(std::string(n.text) + " -> " + t.text + " written in capitals only");
      p = Part{term(capitals), "capitals:" + t.text};
    }
  } else if (s.parts.size() == 1) {
    const Token& t = *s.parts[0];
    note_word(t, false);
    highlight_exact(t.text, negated);
    p = Part{term(std::string(prefixes.exact) + t.text), "exact:" + t.text};
  } else {
    // A word the analyzer splits (F-16, U.S.-led): the phrase of its parts,
    // or the joined form, so F-16 finds "F-16", "F 16" and "F16".
    std::vector<Q> slots;
    for (const Token* t : s.parts) {
      note_word(*t, correctable);
      highlight_exact(t->text, negated);
      slots.push_back(term(std::string(prefixes.exact) + t->text));
    }
    key = parts_text(s.parts);
    p.query = phrase_query(slots, span(s.parts));
    p.description = (field ? label + "\"" : "phrase:\"") + key + "\"";
    if (s.joined) {
      highlight_exact(s.joined->text, negated);
      p.query = Q(Q::OP_OR, p.query, term(std::string(prefixes.exact) + s.joined->text));
      p.description =
          "(" + p.description + " OR " + (field ? label : "exact:") + s.joined->text + ")";
      expansion(std::string(n.text) + " -> phrase \"" + key + "\" OR " + s.joined->text);
    }
  }
  const bool plain = synonyms_on && prefixes.stem == format::kStem;
  bool has_synonyms = false;
  if (synonyms_on && !key.empty()) {
    if (const auto syns = word_synonyms(key); !syns.empty()) {
      p = with_synonyms(p, key, syns, negated);
      has_synonyms = true;
    }
  }
  if (!plain) return p;
  if (s.parts.size() != 1) {
    if (options_.title_weight > 0 && !negated) {
      // A split word (set-user-ID) in the title weighs more too: its title
      // phrase, or its joined form in the title.
      std::vector<Q> slots;
      for (const Token* t : s.parts) slots.push_back(Q(std::string(format::kTitle) + t->text));
      Q in_title = phrase_query(slots, span(s.parts));
      if (s.joined)
        in_title = Q(Q::OP_OR, in_title, Q(std::string(format::kTitle) + s.joined->text));
      p.query = Q(Q::OP_OR, p.query, title_boost(in_title, options_.title_weight));
    }
    return p;
  }
  const Token& t = *s.parts[0];
  const std::string stem = analyzer_.stem(t);
  p.common = check_common_ && !has_synonyms && n.kind == Node::Kind::Word &&
             common_word(std::string(format::kStem) + stem);
  const auto node_end = static_cast<std::size_t>(n.text.data() - query_.data()) + n.text.size();
  if (n.partial && t.end == node_end) {
    // Search-as-you-type: the word being typed also matches the words it
    // begins, weighed together as one word (OP_SYNONYM), as Xapian's
    // FLAG_PARTIAL does.
    const std::vector<std::string> more = completions(t.text);
    if (!more.empty()) {
      count_terms(more.size());
      for (const auto& m : more) highlight_exact(m, negated);
      std::vector<std::string> shown(
          more.begin(), more.begin() + static_cast<std::ptrdiff_t>(
                                           std::min<std::size_t>(more.size(), kListedExpansions)));
      expansion(t.text + "... (being typed) -> " + join(shown, ", ") +
                (more.size() > shown.size() ? ", ..." : ""));
      p.query = Q(Q::OP_OR, p.query, synonym_tree(more));
      p.description = "(" + p.description + " OR partial:" + t.text + "*)";
    }
  }
  if (options_.title_weight > 0 && !negated &&
      format::kTitleStem.size() + stem.size() <= format::kMaxTermBytes) {
    // A word in a written title weighs more: its title term's BM25 weight
    // is added, scaled (measured in bench/relevance; see README "Ranking").
    const std::string title_term = std::string(format::kTitleStem) + stem;
    p.query = Q(Q::OP_OR, p.query, title_boost(Q(title_term), options_.title_weight));
  }
  return p;
}

QueryBuilder::Part QueryBuilder::with_synonyms(const Part& original, const std::string& key,
                                               const std::vector<std::string>& syns, bool negated) {
  std::vector<Q> qs{original.query};
  std::vector<std::string> items{original.description};
  for (const auto& syn : syns) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < syn.size();) {
      const std::size_t sp = std::min(syn.find(' ', i), syn.size());
      if (sp > i) words.push_back(syn.substr(i, sp - i));
      i = sp + 1;
    }
    if (words.empty()) continue;
    if (words.size() == 1) {
      const std::string stem = analyzer_.stem(words[0]);
      highlight_stem(stem, negated);
      qs.push_back(term(std::string(format::kStem) + stem));
      items.push_back("stem:" + stem);
    } else {
      std::vector<Q> slots;
      for (const auto& w : words) {
        highlight_exact(w, negated);
        slots.push_back(term(w));
      }
      qs.push_back(phrase_query(slots, static_cast<std::uint32_t>(slots.size())));
      items.push_back("phrase:\"" + join(words, " ") + "\"");
    }
  }
  expansion(key + " -> synonyms " + join(syns, ", "));
  // A balanced tree of two-member groups: the same weight on N shards as on
  // one index (search/query/synonym_tree.h).
  return Part{synonym_tree(qs), group(items, "OR")};
}

std::optional<QueryBuilder::Part> QueryBuilder::exact_word(const Node& n, bool negated) {
  return word(n, analyze(n), {"", format::kStem}, false, negated);
}

std::optional<QueryBuilder::Part> QueryBuilder::phrase(const Node& n, Prefixes prefixes,
                                                       bool stemmed, bool negated) {
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  if (s.parts.empty()) {
    out_.warnings.push_back("phrase \"" + std::string(n.text) +
                            "\" has no searchable words: ignored");
    return std::nullopt;
  }
  const format::TextFieldSpec* field = prefixes.field;  // title:, or the body
  const bool correctable = !field;
  std::vector<Q> slots;
  std::vector<Q> stems;  // A stemmed phrase's weight: its stems' terms.
  std::vector<std::string> shown;
  for (const Token* t : s.parts) {
    note_word(*t, correctable);
    if (stemmed) {
      const std::string stem = analyzer_.stem(*t);
      highlight_stem(stem, negated);
      stems.push_back(term(std::string(prefixes.stem) + stem));
      if (s.parts.size() > 1) slots.push_back(stem_slot(prefixes.exact, stem));
      shown.push_back(stem);
    } else {
      highlight_exact(t->text, negated);
      const std::string exact = std::string(prefixes.exact) + t->text;
      // People quote "White House" and expect "White House's": an exact
      // word also matches its possessive, when the index has it.
      const std::string possessive = exact + "'s";
      if (t->text.find('\'') == std::string::npos && db_.term_exists(possessive)) {
        highlight_exact(t->text + "'s", negated);
        slots.push_back(Q(Q::OP_OR, term(exact), term(possessive)));
      } else {
        slots.push_back(term(exact));
      }
      shown.push_back(t->text);
    }
  }
  std::string label = field     ? std::string(field->query_name) + ":"
                      : stemmed ? "stemphrase:"
                                : "phrase:";
  if (!field && !stemmed && slots.size() == 1) return Part{slots[0], "exact:" + shown[0]};
  const std::string description = label + "\"" + join(shown, " ") + "\"";
  if (stemmed) {
    // Stems carry no positions: the phrase runs over each stem's exact
    // forms, as a filter, and the stems' terms weigh the match as they
    // would in a phrase of stems.
    return Part{weighed_phrase(stems, slots, span(s.parts)), description};
  }
  return Part{phrase_query(slots, span(s.parts)), description};
}

std::optional<QueryBuilder::Part> QueryBuilder::wildcard(const Node& n,
                                                         const format::TextFieldSpec* field,
                                                         bool negated,
                                                         std::vector<std::string>* terms_out) {
  const std::string_view term_prefix = field ? field->exact_prefix : std::string_view();
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  const std::string typed(n.typed);
  if (s.parts.empty()) {
    out_.warnings.push_back("wildcard '" + typed + "' has no searchable characters: ignored");
    return std::nullopt;
  }
  std::string prefix;
  if (s.parts.size() == 1) {
    prefix = s.parts[0]->text;
  } else if (s.joined) {
    prefix = s.joined->text;
  } else {
    out_.warnings.push_back("wildcard '" + typed + "' spans several words: searched as words");
    if (field && field->stem_prefix.empty()) return exact_words(n);
    return word(n, tokens, prefixes_of(field), false, negated);
  }
  const std::string full = std::string(term_prefix) + prefix;
  const std::string shown_prefix =
      (field ? std::string(field->query_name) + ":" : std::string()) + prefix + "*";
  const std::vector<std::string> terms = expand(full, shown_prefix);
  count_terms(std::max<std::size_t>(terms.size(), 1));
  std::vector<std::string> shown;
  for (const auto& t : terms) {
    std::string word_text = t.substr(term_prefix.size());
    highlight_exact(word_text, negated);
    if (shown.size() < kListedExpansions) shown.push_back(std::move(word_text));
  }
  std::string line = shown_prefix + " -> ";
  if (terms.empty()) {
    line += "(no matching terms)";
  } else {
    line += join(shown, ", ");
    if (terms.size() > shown.size()) line += ", ... (" + std::to_string(terms.size()) + " terms)";
  }
  expansion(std::move(line));
  const auto begin = static_cast<std::size_t>(n.typed.data() - query_.data());
  out_.words.push_back({begin, begin + n.typed.size(), prefix, false});
  if (terms_out) {
    for (const auto& t : terms) terms_out->push_back(t);
  }
  // The expansion found above, as an explicit synonym: Xapian 1.4 expands
  // OP_WILDCARD separately in each shard of a sharded index, which gives
  // other scores than one index; explicit terms in a balanced tree of
  // two-member groups score alike everywhere (search/query/synonym_tree.h).
  Q query = terms.empty() ? Q(Q::OP_WILDCARD, full,
                              static_cast<Xapian::termcount>(limits_.max_wildcard_terms),
                              Q::WILDCARD_LIMIT_ERROR)
                          : synonym_tree(terms);
  return Part{std::move(query), (field ? "" : "wildcard:") + shown_prefix};
}

std::optional<QueryBuilder::Part> QueryBuilder::exact_words(const Node& n) {
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  if (s.parts.empty()) {
    out_.warnings.push_back("'" + std::string(n.typed) + "' has no searchable words: ignored");
    return std::nullopt;
  }
  std::vector<Q> slots;
  for (const Token* t : s.parts) {
    note_word(*t, false);
    slots.push_back(term(std::string(n.text_field->exact_prefix) + t->text));
  }
  const std::string name = parts_text(s.parts);
  return Part{
      phrase_query(slots, span(s.parts)),
      std::string(n.text_field->query_name) + ":" + (slots.size() > 1 ? "\"" + name + "\"" : name)};
}

// Filter fields go through the filters' implementation (search/query/filters.h),
// as SearchOptions::filters do.
std::optional<QueryBuilder::Part> QueryBuilder::keyword(const Node& n) {
  auto query = keyword_query(*n.field, n.text, analyzer_);
  if (!query) {
    out_.warnings.push_back("'" + std::string(n.typed) + "' has no " + std::string(n.field->name) +
                            " value: ignored");
    return std::nullopt;
  }
  const std::string key = n.field->normalized ? analyzer_.normalize(n.text) : std::string(n.text);
  return Part{std::move(*query), std::string(n.field->query_name) + "=" + key, Role::Filter};
}

std::optional<QueryBuilder::Part> QueryBuilder::date(const Node& n) {
  return Part{date_query({n.lo, n.hi}), "date=" + n.lo + ".." + n.hi, Role::Filter};
}

}  // namespace sift::search
