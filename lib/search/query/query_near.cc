// SPDX-License-Identifier: GPL-2.0-or-later
// NEAR/n and ADJ/n: operands as term-level slots for OP_NEAR / OP_PHRASE.
#include <algorithm>
#include <utility>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "search/query/query_builder.h"
#include "search/query/query_builder_util.h"

namespace sift::search {
namespace {

using builder_util::combine;
using builder_util::group;
using builder_util::join;
using builder_util::Q;
using builder_util::span;
using builder_util::Split;
using builder_util::split;
using builder_util::Token;

bool positional_kind(Node::Kind k) {
  using K = Node::Kind;
  return k == K::Word || k == K::Exact || k == K::Phrase || k == K::StemPhrase ||
         k == K::Wildcard || k == K::FieldWord || k == K::FieldPhrase || k == K::FieldWildcard;
}

/// True for a node that occupies one position: a one-token word, =word or
/// word of a stemmed text field (title:), or a wildcard whose prefix is one
/// token (or one joined form).  A value of a field without stems (author:)
/// is not counted as one, even when it is one word.
bool one_position(analysis::Analyzer& analyzer, const Node& n) {
  using K = Node::Kind;
  const auto tokens = analyzer.tokens(n.text);
  const Split s = split(tokens);
  switch (n.kind) {
    case K::Word:
    case K::Exact:
      return s.parts.size() == 1;
    case K::FieldWord:
      return !n.text_field->stem_prefix.empty() && s.parts.size() == 1;
    case K::Wildcard:
    case K::FieldWildcard:
      return s.parts.size() == 1 || s.joined != nullptr;
    default:
      return false;
  }
}

/// Appends `q` to `terms`, or its subqueries when it is an OR, so that a
/// NEAR slot stays one OR of terms.
void append_alternatives(const Q& q, std::vector<Q>& terms) {
  if (q.empty()) return;
  if (q.get_type() != Q::OP_OR) {
    terms.push_back(q);
    return;
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) terms.push_back(q.get_subquery(i));
}

}  // namespace

// Xapian 1.4's OP_NEAR and OP_PHRASE accept only terms, or ORs of terms, as
// subqueries (a phrase there throws UnimplementedError, and an OR holding a
// phrase silently matches nothing).  So `"peace talks" NEAR/3 kyiv` is
// approximated as
//     (peace PHRASE 2 talks) AND (peace NEAR 6 talks NEAR 6 Zkyiv)
// i.e. the phrase must occur, and all the operands' words must occur within
// a window of (sum of operand widths + n) positions.  With single-word
// operands this is exact: at most n other words between the operands.
// An operand may also be an OR of one-position operands, e.g.
// `(kyiv OR odesa) NEAR/3 talks`: its slot is the OR of all their terms.
// A hyphenated operand (F-16) matches only its parts' terms here, not the
// joined form (f16).
std::optional<QueryBuilder::Part> QueryBuilder::near(const Node& n, bool negated) {
  const std::string op_name = n.ordered ? "ADJ" : "NEAR";
  auto usable = [&](const Node& child) {
    if (positional_kind(child.kind)) return true;
    return child.kind == Node::Kind::Or &&
           std::all_of(child.children.begin(), child.children.end(),
                       [&](const Node& c) { return one_position(analyzer_, c); });
  };
  for (const auto& child : n.children) {
    if (!usable(child)) {
      out_.warnings.push_back(op_name +
                              " needs words or phrases on both sides: searched its operands "
                              "with AND");
      Node all;
      all.kind = Node::Kind::And;
      all.children = n.children;
      return all_of(all, negated);
    }
  }
  std::vector<Positional> ops;
  std::vector<std::uint32_t> gaps;  // gaps[i]: the n before ops[i] (0 for the first)
  std::uint32_t pending_gap = 0, total_gap = 0;
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (i) {
      pending_gap += n.gaps.at(i - 1);
      total_gap += n.gaps.at(i - 1);
    }
    Positional p = positional(n.children[i], negated);
    if (p.slots.empty()) continue;
    gaps.push_back(ops.empty() ? 0 : pending_gap);
    pending_gap = 0;
    ops.push_back(std::move(p));
  }
  if (ops.empty()) return std::nullopt;
  if (ops.size() == 1) {
    auto& p = ops[0];
    Q q = p.slots.size() != 1 ? combine(Q::OP_AND, p.constraints)
          : p.weights.empty() ? p.slots[0]
                              : p.weights[0];
    return Part{q, p.description};
  }
  std::vector<Q> slots, weights, constraints;
  bool weighed_apart = false;
  std::vector<std::string> constraint_items;
  std::uint32_t window = total_gap;
  std::string description = "(";
  bool matches_nothing = false;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    auto& p = ops[i];
    if (i) description += " " + op_name + "/" + std::to_string(gaps[i]) + " ";
    description += p.description;
    window += p.width;
    for (std::size_t k = 0; k < p.slots.size(); ++k) {
      if (p.slots[k].empty()) matches_nothing = true;
      slots.push_back(p.slots[k]);
      weights.push_back(p.weights.empty() ? p.slots[k] : p.weights[k]);
    }
    weighed_apart = weighed_apart || !p.weights.empty();
    for (auto& c : p.constraints) {
      constraints.push_back(c);
      constraint_items.push_back(p.description);
    }
  }
  if (!constraints.empty()) {
    description += "; approximated as " + join(constraint_items, " AND ") + " AND all " +
                   std::to_string(slots.size()) + " words " + (n.ordered ? "in order " : "") +
                   "within " + std::to_string(window) + " positions";
  }
  description += ")";
  if (matches_nothing) return Part{Q(), description};
  Q positional_q(n.ordered ? Q::OP_PHRASE : Q::OP_NEAR, slots.begin(), slots.end(), window);
  if (weighed_apart) positional_q = Q(Q::OP_FILTER, combine(Q::OP_AND, weights), positional_q);
  if (constraints.empty()) return Part{positional_q, description};
  constraints.push_back(positional_q);
  return Part{Q(Q::OP_AND, constraints.begin(), constraints.end()), description};
}

QueryBuilder::Positional QueryBuilder::positional(const Node& n, bool negated) {
  using K = Node::Kind;
  Positional p;
  if (n.kind == K::Or) {
    std::vector<Q> terms, weights;
    bool weighed_apart = false;
    std::vector<std::string> items;
    for (const Node& c : n.children) {
      Positional one = positional(c, negated);
      if (one.slots.size() != 1) continue;
      append_alternatives(one.slots[0], terms);
      weighed_apart = weighed_apart || !one.weights.empty();
      append_alternatives(one.weights.empty() ? one.slots[0] : one.weights[0], weights);
      items.push_back(one.description);
    }
    if (items.empty()) return p;
    p.slots.push_back(terms.empty() ? Q() : combine(Q::OP_OR, terms));
    if (weighed_apart) p.weights.push_back(weights.empty() ? Q() : combine(Q::OP_OR, weights));
    p.width = 1;
    p.description = group(items, "OR");
    return p;
  }
  if (n.kind == K::Wildcard || n.kind == K::FieldWildcard) {
    const auto tokens = analyze(n);
    const Split s = split(tokens);
    if (s.parts.size() > 1 && !s.joined) {
      // A prefix of several words ("a,b*"): searched as those words.
      out_.warnings.push_back("wildcard '" + std::string(n.typed) +
                              "' spans several words: searched as words");
      Node words = n;
      words.kind = n.kind == K::Wildcard ? K::Word : K::FieldWord;
      return positional(words, negated);
    }
    // The expansion, as an OR of terms, stands in for OP_WILDCARD (which
    // OP_NEAR does not accept).
    std::vector<std::string> terms;
    auto part = wildcard(n, n.kind == K::Wildcard ? nullptr : n.text_field, negated, &terms);
    if (!part) return p;
    std::vector<Q> qs;
    qs.reserve(terms.size());
    for (auto& t : terms) qs.emplace_back(t);
    p.slots.push_back(qs.empty() ? Q() : combine(Q::OP_OR, qs));
    p.width = 1;
    p.description = part->description;
    return p;
  }
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  if (s.parts.empty()) return p;
  // A text field's value (title:, author:), or the body's words.
  const format::TextFieldSpec* field =
      n.kind == K::FieldWord || n.kind == K::FieldPhrase ? n.text_field : nullptr;
  // A field without stems (author:) takes its value as exact words, not
  // highlighted, as QueryBuilder::exact_words does.
  const bool exact_field = field && field->stem_prefix.empty();
  const bool stemmed =
      n.kind == K::StemPhrase ||
      ((n.kind == K::Word || (n.kind == K::FieldWord && !exact_field)) && s.parts.size() == 1);
  const Prefixes prefixes = prefixes_of(field);
  const std::string_view exact_prefix = prefixes.exact;
  const std::string_view stem_prefix = exact_field ? format::kStem : prefixes.stem;
  const bool correctable = n.kind == K::Word || n.kind == K::Phrase || n.kind == K::StemPhrase;

  std::vector<std::string> shown;
  for (const Token* t : s.parts) {
    note_word(*t, correctable);
    if (stemmed) {
      const std::string stem = analyzer_.stem(*t);
      shown.push_back(stem);
      if (!exact_field) highlight_stem(stem, negated);
      if (n.kind != K::StemPhrase && stem != t->text) expansion(t->text + " -> stem " + stem);
      // Weighed by the stems' terms, positioned by their exact forms
      // (stems carry no positions).
      std::vector<Q> alternatives{term(std::string(stem_prefix) + stem)};
      std::vector<Q> positions;
      append_alternatives(stem_slot(exact_prefix, stem), positions);
      if (n.kind == K::Word && s.parts.size() == 1) {
        std::string key = t->text;
        const std::vector<std::string> syns = word_synonyms(key);
        std::vector<std::string> used;
        for (const auto& syn : syns) {
          if (syn.find(' ') != std::string::npos) {
            out_.warnings.push_back("multi-word synonyms of '" + key +
                                    "' are not used inside NEAR/ADJ");
            continue;
          }
          const std::string syn_stem = analyzer_.stem(syn);
          highlight_stem(syn_stem, negated);
          alternatives.push_back(term(std::string(stem_prefix) + syn_stem));
          append_alternatives(stem_slot(exact_prefix, syn_stem), positions);
          used.push_back(syn);
        }
        if (!used.empty()) expansion(key + " -> synonyms " + join(used, ", "));
      }
      p.weights.push_back(combine(Q::OP_OR, alternatives));
      p.slots.push_back(positions.empty() ? Q::MatchNothing : combine(Q::OP_OR, positions));
    } else {
      shown.push_back(t->text);
      if (!exact_field) highlight_exact(t->text, negated);
      p.slots.push_back(term(std::string(exact_prefix) + t->text));
    }
  }
  p.width = span(s.parts);
  if (p.slots.size() > 1) p.constraints.push_back(weighed_phrase(p.weights, p.slots, p.width));
  const std::string label = field                     ? std::string(field->query_name) + ":"
                            : n.kind == K::StemPhrase ? "stemphrase:"
                            : stemmed                 ? "stem:"
                            : p.slots.size() > 1      ? "phrase:"
                                                      : "exact:";
  p.description = label + (p.slots.size() > 1 ? "\"" + join(shown, " ") + "\"" : shown[0]);
  return p;
}

}  // namespace sift::search
