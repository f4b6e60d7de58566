#include "search/query_builder.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "index/term_scheme.h"
#include "sift/error.h"

namespace sift::search {
namespace {

using analysis::Token;
using Q = Xapian::Query;

/// Expansion lines list at most this many wildcard terms.
constexpr std::size_t kListedExpansions = 20;
/// Synonym keys are at most three words; longer keys cannot be stored.
constexpr std::size_t kMaxSynonymKeyBytes = 200;

struct Split {
  std::vector<const Token*> parts;  ///< The words, in order.
  /// The joined form of a hyphenated word, when it stands for all the parts
  /// ("f16" for F-16; not "ab" for "a-b/c-d", which has two joined forms).
  const Token* joined = nullptr;
};

Split split(const std::vector<Token>& tokens) {
  Split s;
  std::size_t joined = 0;
  for (const auto& t : tokens) {
    if (t.joined) {
      ++joined;
      s.joined = &t;
    } else {
      s.parts.push_back(&t);
    }
  }
  if (joined != 1 || s.parts.empty() || s.joined->begin > s.parts.front()->begin ||
      s.joined->end < s.parts.back()->end) {
    s.joined = nullptr;
  }
  return s;
}

std::uint32_t span(const std::vector<const Token*>& parts) {
  return parts.back()->position - parts.front()->position + 1;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string parts_text(const std::vector<const Token*>& parts) {
  std::string out;
  for (const Token* t : parts) {
    if (!out.empty()) out += ' ';
    out += t->text;
  }
  return out;
}

/// "(a OP b OP c)", or just "a" for one item.
std::string group(const std::vector<std::string>& items, std::string_view op) {
  if (items.size() == 1) return items[0];
  return "(" + join(items, std::string(" ") + std::string(op) + " ") + ")";
}

Q combine(Q::op op, const std::vector<Q>& qs) {
  if (qs.size() == 1) return qs[0];
  return Q(op, qs.begin(), qs.end());
}

/// Removes repeated lines, keeping the first of each, in linear time.
void dedupe(std::vector<std::string>& v) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (auto& x : v) {
    if (seen.insert(x).second) out.push_back(std::move(x));
  }
  v = std::move(out);
}

bool only_spaces(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

bool positional_kind(Node::Kind k) {
  using K = Node::Kind;
  return k == K::Word || k == K::Exact || k == K::Phrase || k == K::StemPhrase ||
         k == K::Wildcard || k == K::TitleWord || k == K::TitlePhrase || k == K::TitleWildcard ||
         k == K::Author;
}

}  // namespace

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, const Xapian::Database& db,
                           const QueryLimits& limits, std::string_view query, ParsedQuery& out)
    : analyzer_(analyzer), db_(db), limits_(limits), query_(query), out_(out) {}

void QueryBuilder::build(const std::optional<Node>& root) {
  std::optional<Part> part;
  if (root) part = node(*root, false);
  if (!part) throw Error(ErrorCode::BadQuery, "query has no searchable words");
  switch (part->role) {
    case Role::Positive:
      out_.query = part->query;
      out_.description = part->description;
      out_.has_positive = true;
      break;
    case Role::Filter:
      out_.query = Q(Q::OP_FILTER, Q::MatchAll, part->query);
      out_.description = part->description;
      out_.has_positive = true;
      break;
    case Role::Negative:
      // A purely negative query matches every document except those.
      out_.query = Q(Q::OP_AND_NOT, Q::MatchAll, part->query);
      out_.description = "(all documents AND NOT " + part->description + ")";
      out_.has_positive = false;
      break;
  }
  dedupe(out_.warnings);
  dedupe(out_.expansions);
  dedupe(out_.highlight_exact);
  dedupe(out_.highlight_stems);
  std::stable_sort(out_.words.begin(), out_.words.end(),
                   [](const QueryWord& a, const QueryWord& b) { return a.begin < b.begin; });
  out_.words.erase(std::unique(out_.words.begin(), out_.words.end(),
                               [](const QueryWord& a, const QueryWord& b) {
                                 return a.begin == b.begin && a.end == b.end;
                               }),
                   out_.words.end());
}

std::optional<QueryBuilder::Part> QueryBuilder::node(const Node& n, bool negated) {
  using K = Node::Kind;
  switch (n.kind) {
    case K::Word:
      return word(n, analyze(n), {"", scheme::kStem}, true, negated);
    case K::Exact:
      return exact_word(n, negated);
    case K::Phrase:
      return phrase(n, {"", scheme::kStem}, false, negated);
    case K::StemPhrase:
      return phrase(n, {"", scheme::kStem}, true, negated);
    case K::Wildcard:
      return wildcard(n, "", negated);
    case K::TitleWord:
      return word(n, analyze(n), {scheme::kTitle, scheme::kTitleStem}, false, negated);
    case K::TitlePhrase:
      return phrase(n, {scheme::kTitle, scheme::kTitleStem}, false, negated);
    case K::TitleWildcard:
      return wildcard(n, scheme::kTitle, negated);
    case K::Author:
      return author(n);
    case K::Source:
      return source(n);
    case K::Date:
      return date(n);
    case K::And:
      return all_of(n, negated);
    case K::Or:
      return any_of(n, negated);
    case K::Near:
      return near(n, negated);
    case K::Not: {
      auto child = node(n.children.at(0), !negated);
      if (!child) return std::nullopt;
      // NOT of "everything except X" is X.
      if (child->role == Role::Negative)
        child->role = Role::Positive;
      else
        child->role = Role::Negative;
      return child;
    }
  }
  return std::nullopt;
}

std::optional<QueryBuilder::Part> QueryBuilder::all_of(const Node& n, bool negated) {
  // Analyze the plain words first: runs of 2-3 adjacent one-token words are
  // looked up as multi-word synonym keys ("united states").
  std::vector<std::vector<Token>> tokens(n.children.size());
  auto single = [&](std::size_t i) {
    return n.children[i].kind == Node::Kind::Word && tokens[i].size() == 1 && !tokens[i][0].joined;
  };
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (n.children[i].kind == Node::Kind::Word) tokens[i] = analyze(n.children[i]);
  }

  std::vector<Q> positives, negatives, filters;
  std::vector<std::string> items, negative_items;
  for (std::size_t i = 0; i < n.children.size();) {
    std::optional<Part> part;
    std::size_t used = 1;
    if (single(i)) {
      for (std::size_t k = std::min<std::size_t>(3, n.children.size() - i); k >= 2 && !part; --k) {
        std::string key = tokens[i][0].text;
        bool ok = true;
        for (std::size_t j = i + 1; j < i + k && ok; ++j) {
          const auto& prev = n.children[j - 1].text;
          const auto gap_begin = prev.data() + prev.size();
          ok = single(j) &&
               only_spaces(std::string_view(gap_begin, n.children[j].text.data() - gap_begin));
          if (ok) key += ' ' + tokens[j][0].text;
        }
        if (!ok) continue;
        if (auto syns = synonyms(key); !syns.empty()) {
          std::vector<const Node*> run;
          std::vector<std::vector<Token>> run_tokens;
          for (std::size_t j = i; j < i + k; ++j) {
            run.push_back(&n.children[j]);
            run_tokens.push_back(tokens[j]);
          }
          std::vector<Q> qs;
          std::vector<std::string> descs;
          for (std::size_t j = 0; j < run.size(); ++j) {
            if (auto p = word(*run[j], run_tokens[j], {"", scheme::kStem}, true, negated)) {
              qs.push_back(p->query);
              descs.push_back(p->description);
            }
          }
          part =
              with_synonyms(Part{combine(Q::OP_AND, qs), group(descs, "AND")}, key, syns, negated);
          used = k;
        }
      }
    }
    if (!part) {
      const Node& child = n.children[i];
      part = child.kind == Node::Kind::Word
                 ? word(child, tokens[i], {"", scheme::kStem}, true, negated)
                 : node(child, negated);
    }
    i += used;
    if (!part) continue;
    switch (part->role) {
      case Role::Positive:
        positives.push_back(part->query);
        items.push_back(part->description);
        break;
      case Role::Filter:
        filters.push_back(part->query);
        items.push_back(part->description);
        break;
      case Role::Negative:
        negatives.push_back(part->query);
        negative_items.push_back(part->description);
        items.push_back("NOT " + part->description);
        break;
    }
  }

  if (positives.empty() && filters.empty()) {
    if (negatives.empty()) return std::nullopt;
    // NOT a AND NOT b == NOT (a OR b).
    return Part{combine(Q::OP_OR, negatives), group(negative_items, "OR"), Role::Negative};
  }
  Part out;
  out.description = group(items, "AND");
  if (!positives.empty()) {
    out.query = combine(Q::OP_AND, positives);
    if (!filters.empty()) out.query = Q(Q::OP_FILTER, out.query, combine(Q::OP_AND, filters));
  } else {
    out.query = combine(Q::OP_AND, filters);
    out.role = Role::Filter;
  }
  if (!negatives.empty()) out.query = Q(Q::OP_AND_NOT, out.query, combine(Q::OP_OR, negatives));
  return out;
}

std::optional<QueryBuilder::Part> QueryBuilder::any_of(const Node& n, bool negated) {
  std::vector<Q> qs;
  std::vector<std::string> items;
  bool all_filters = true;
  for (const auto& child : n.children) {
    auto part = node(child, negated);
    if (!part) continue;
    switch (part->role) {
      case Role::Positive:
        all_filters = false;
        qs.push_back(part->query);
        items.push_back(part->description);
        break;
      case Role::Filter:
        // Zero weight: a filter inside OR must not change scores either.
        qs.push_back(Q(Q::OP_SCALE_WEIGHT, part->query, 0.0));
        items.push_back(part->description);
        break;
      case Role::Negative:
        all_filters = false;
        qs.push_back(Q(Q::OP_AND_NOT, Q::MatchAll, part->query));
        items.push_back("NOT " + part->description);
        break;
    }
  }
  if (qs.empty()) return std::nullopt;
  return Part{combine(Q::OP_OR, qs), group(items, "OR"),
              all_filters ? Role::Filter : Role::Positive};
}

// Xapian 1.4's OP_NEAR and OP_PHRASE accept only terms, or ORs of terms, as
// subqueries (a phrase there throws UnimplementedError, and an OR holding a
// phrase silently matches nothing).  So `"peace talks" NEAR/3 kyiv` is
// approximated as
//     (peace PHRASE 2 talks) AND (peace NEAR 5 talks NEAR 5 Zkyiv)
// i.e. the phrase must occur, and all the operands' words must occur within
// a window of (sum of operand widths + n) positions.  With single-word
// operands this is exact: at most n other words between the operands.
// A hyphenated operand (F-16) matches only its parts' terms here, not the
// joined form (f16).
std::optional<QueryBuilder::Part> QueryBuilder::near(const Node& n, bool negated) {
  const std::string op_name = n.ordered ? "ADJ" : "NEAR";
  for (const auto& child : n.children) {
    if (!positional_kind(child.kind)) {
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
    Q q = p.slots.size() == 1 ? p.slots[0] : combine(Q::OP_AND, p.constraints);
    return Part{q, p.description};
  }
  std::vector<Q> slots, constraints;
  std::vector<std::string> constraint_items;
  std::uint32_t window = total_gap;
  std::string description = "(";
  bool matches_nothing = false;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    auto& p = ops[i];
    if (i) description += " " + op_name + "/" + std::to_string(gaps[i]) + " ";
    description += p.description;
    window += p.width;
    for (auto& s : p.slots) {
      if (s.empty()) matches_nothing = true;
      slots.push_back(s);
    }
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
  if (constraints.empty()) return Part{positional_q, description};
  constraints.push_back(positional_q);
  return Part{Q(Q::OP_AND, constraints.begin(), constraints.end()), description};
}

QueryBuilder::Positional QueryBuilder::positional(const Node& n, bool negated) {
  using K = Node::Kind;
  Positional p;
  if (n.kind == K::Wildcard || n.kind == K::TitleWildcard) {
    // The expansion, as an OR of terms, stands in for OP_WILDCARD (which
    // OP_NEAR does not accept).
    std::vector<std::string> terms;
    auto part = wildcard(n, n.kind == K::Wildcard ? "" : scheme::kTitle, negated, &terms);
    if (!part) return p;
    std::vector<Q> qs;
    for (auto& t : terms) qs.emplace_back(t);
    p.slots.push_back(qs.empty() ? Q() : combine(Q::OP_OR, qs));
    p.width = 1;
    p.description = part->description;
    return p;
  }
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  if (s.parts.empty()) return p;
  const bool title = n.kind == K::TitleWord || n.kind == K::TitlePhrase;
  const bool stemmed = n.kind == K::StemPhrase ||
                       ((n.kind == K::Word || n.kind == K::TitleWord) && s.parts.size() == 1);
  const std::string_view exact_prefix = n.kind == K::Author ? scheme::kAuthor
                                        : title             ? scheme::kTitle
                                                            : std::string_view();
  const std::string_view stem_prefix = title ? scheme::kTitleStem : scheme::kStem;
  const bool correctable = n.kind == K::Word || n.kind == K::Phrase || n.kind == K::StemPhrase;

  std::vector<std::string> shown;
  for (const Token* t : s.parts) {
    note_word(*t, correctable);
    if (stemmed) {
      const std::string stem = analyzer_.stem(t->text);
      shown.push_back(stem);
      if (n.kind != K::Author) highlight_stem(stem, negated);
      if (n.kind != K::StemPhrase && stem != t->text) expansion(t->text + " -> stem " + stem);
      std::vector<Q> alternatives{term(std::string(stem_prefix) + stem)};
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
          used.push_back(syn);
        }
        if (!used.empty()) expansion(key + " -> synonyms " + join(used, ", "));
      }
      p.slots.push_back(combine(Q::OP_OR, alternatives));
    } else {
      shown.push_back(t->text);
      if (n.kind != K::Author) highlight_exact(t->text, negated);
      p.slots.push_back(term(std::string(exact_prefix) + t->text));
    }
  }
  p.width = span(s.parts);
  if (p.slots.size() > 1) p.constraints.push_back(phrase_query(p.slots, p.width));
  const std::string label = n.kind == K::Author       ? "author:"
                            : title                   ? "title:"
                            : n.kind == K::StemPhrase ? "stemphrase:"
                            : stemmed                 ? "stem:"
                            : p.slots.size() > 1      ? "phrase:"
                                                      : "exact:";
  p.description = label + (p.slots.size() > 1 ? "\"" + join(shown, " ") + "\"" : shown[0]);
  return p;
}

std::optional<QueryBuilder::Part> QueryBuilder::word(const Node& n,
                                                     const std::vector<Token>& tokens,
                                                     Prefixes prefixes, bool synonyms_on,
                                                     bool negated) {
  const Split s = split(tokens);
  if (s.parts.empty()) return std::nullopt;
  const bool correctable = n.kind == Node::Kind::Word;
  const bool title = prefixes.exact == scheme::kTitle;
  std::string key;
  Part p;
  if (s.parts.size() == 1 && n.kind != Node::Kind::Exact) {
    const Token& t = *s.parts[0];
    note_word(t, correctable);
    const std::string stem = analyzer_.stem(t.text);
    highlight_stem(stem, negated);
    if (stem != t.text) expansion(t.text + " -> stem " + stem);
    p = Part{term(std::string(prefixes.stem) + stem), (title ? "title:" : "stem:") + stem};
    key = t.text;
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
    p.description = (title ? "title:\"" : "phrase:\"") + key + "\"";
    if (s.joined) {
      highlight_exact(s.joined->text, negated);
      p.query = Q(Q::OP_OR, p.query, term(std::string(prefixes.exact) + s.joined->text));
      p.description =
          "(" + p.description + " OR " + (title ? "title:" : "exact:") + s.joined->text + ")";
      expansion(std::string(n.text) + " -> phrase \"" + key + "\" OR " + s.joined->text);
    }
  }
  if (!synonyms_on || key.empty()) return p;
  const auto syns = word_synonyms(key);
  if (syns.empty()) return p;
  return with_synonyms(std::move(p), key, syns, negated);
}

QueryBuilder::Part QueryBuilder::with_synonyms(Part original, const std::string& key,
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
      qs.push_back(term(std::string(scheme::kStem) + stem));
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
  return Part{Q(Q::OP_SYNONYM, qs.begin(), qs.end()), group(items, "OR")};
}

std::optional<QueryBuilder::Part> QueryBuilder::exact_word(const Node& n, bool negated) {
  return word(n, analyze(n), {"", scheme::kStem}, false, negated);
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
  const bool title = prefixes.exact == scheme::kTitle;
  const bool correctable = !title;
  std::vector<Q> slots;
  std::vector<std::string> shown;
  for (const Token* t : s.parts) {
    note_word(*t, correctable);
    if (stemmed) {
      const std::string stem = analyzer_.stem(t->text);
      highlight_stem(stem, negated);
      slots.push_back(term(std::string(prefixes.stem) + stem));
      shown.push_back(stem);
    } else {
      highlight_exact(t->text, negated);
      slots.push_back(term(std::string(prefixes.exact) + t->text));
      shown.push_back(t->text);
    }
  }
  std::string label = title ? "title:" : stemmed ? "stemphrase:" : "phrase:";
  if (!title && !stemmed && slots.size() == 1) return Part{slots[0], "exact:" + shown[0]};
  return Part{phrase_query(slots, span(s.parts)), label + "\"" + join(shown, " ") + "\""};
}

std::optional<QueryBuilder::Part> QueryBuilder::wildcard(const Node& n,
                                                         std::string_view term_prefix, bool negated,
                                                         std::vector<std::string>* terms_out) {
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
    const bool title = term_prefix == scheme::kTitle;
    return word(n, tokens,
                title ? Prefixes{scheme::kTitle, scheme::kTitleStem} : Prefixes{"", scheme::kStem},
                false, negated);
  }
  const std::string full = std::string(term_prefix) + prefix;
  const std::string shown_prefix = (term_prefix.empty() ? "" : "title:") + prefix + "*";
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
  return Part{Q(Q::OP_WILDCARD, full, static_cast<Xapian::termcount>(limits_.max_wildcard_terms),
                Q::WILDCARD_LIMIT_ERROR),
              (term_prefix.empty() ? "wildcard:" : "") + shown_prefix};
}

std::optional<QueryBuilder::Part> QueryBuilder::author(const Node& n) {
  const auto tokens = analyze(n);
  const Split s = split(tokens);
  if (s.parts.empty()) {
    out_.warnings.push_back("'" + std::string(n.typed) + "' has no searchable words: ignored");
    return std::nullopt;
  }
  std::vector<Q> slots;
  for (const Token* t : s.parts) {
    note_word(*t, false);
    slots.push_back(term(std::string(scheme::kAuthor) + t->text));
  }
  const std::string name = parts_text(s.parts);
  return Part{phrase_query(slots, span(s.parts)),
              "author:" + (slots.size() > 1 ? "\"" + name + "\"" : name)};
}

std::optional<QueryBuilder::Part> QueryBuilder::source(const Node& n) {
  const std::string name = analyzer_.normalize(n.text);
  if (name.empty()) {
    out_.warnings.push_back("'" + std::string(n.typed) + "' has no source name: ignored");
    return std::nullopt;
  }
  return Part{term(scheme::key_term(scheme::kSource, name)), "source=" + name, Role::Filter};
}

std::optional<QueryBuilder::Part> QueryBuilder::date(const Node& n) {
  // Stored dates are "YYYY-MM-DD", so string order is date order; '~' sorts
  // after digits and '-', so a partial upper end covers its whole period.
  const auto slot = scheme::kDateSlot;
  const std::string hi = n.hi.size() < 10 ? n.hi + "~" : n.hi;
  Q q;
  if (n.lo.empty()) {
    q = Q(Q::OP_VALUE_LE, slot, hi);
  } else if (n.hi.empty()) {
    q = Q(Q::OP_VALUE_GE, slot, n.lo);
  } else {
    q = Q(Q::OP_VALUE_RANGE, slot, n.lo, hi);
  }
  return Part{q, "date=" + n.lo + ".." + n.hi, Role::Filter};
}

std::vector<Token> QueryBuilder::analyze(const Node& n) {
  auto tokens = analyzer_.tokens(n.text);
  const auto offset = static_cast<std::size_t>(n.text.data() - query_.data());
  for (auto& t : tokens) {
    t.begin += offset;
    t.end += offset;
  }
  return tokens;
}

std::vector<std::string> QueryBuilder::synonyms(const std::string& key) const {
  std::vector<std::string> out;
  if (key.empty() || key.size() > kMaxSynonymKeyBytes) return out;
  for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) {
    if (*it != key) out.push_back(*it);
  }
  return out;
}

std::vector<std::string> QueryBuilder::word_synonyms(std::string& key) const {
  auto syns = synonyms(key);
  // "Kiev's" has the synonyms of "kiev".
  if (syns.empty() && key.size() > 2 && key.ends_with("'s")) {
    key.resize(key.size() - 2);
    syns = synonyms(key);
  }
  return syns;
}

std::vector<std::string> QueryBuilder::expand(const std::string& prefix,
                                              std::string_view typed) const {
  std::vector<std::string> terms;
  const bool exact = !prefix.empty() && !(prefix[0] >= 'A' && prefix[0] <= 'Z');
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    const std::string t = *it;
    // Prefixed terms (upper-case initial) are not words.
    if (exact && !t.empty() && t[0] >= 'A' && t[0] <= 'Z') continue;
    if (terms.size() == limits_.max_wildcard_terms) {
      throw Error(ErrorCode::BadQuery, "wildcard '" + std::string(typed) + "' matches more than " +
                                           std::to_string(limits_.max_wildcard_terms) +
                                           " terms; use a longer prefix");
    }
    terms.push_back(t);
  }
  return terms;
}

Xapian::Query QueryBuilder::phrase_query(const std::vector<Q>& slots, std::uint32_t width) {
  if (slots.size() == 1) return slots[0];
  return Q(Q::OP_PHRASE, slots.begin(), slots.end(), std::max<std::uint32_t>(width, slots.size()));
}

Xapian::Query QueryBuilder::term(std::string t) {
  count_terms(1);
  return Q(t);
}

void QueryBuilder::count_terms(std::size_t n) {
  terms_ += n;
  if (terms_ > limits_.max_terms) {
    throw Error(ErrorCode::BadQuery, "query has more than " + std::to_string(limits_.max_terms) +
                                         " terms after analysis and expansion; shorten it");
  }
}

void QueryBuilder::note_word(const Token& t, bool correctable) {
  out_.words.push_back({t.begin, t.end, t.text, correctable});
}

void QueryBuilder::highlight_exact(const std::string& t, bool negated) {
  if (!negated) out_.highlight_exact.push_back(t);
}

void QueryBuilder::highlight_stem(const std::string& t, bool negated) {
  if (!negated) out_.highlight_stems.push_back(t);
}

void QueryBuilder::expansion(std::string line) {
  out_.expansions.push_back(std::move(line));
}

}  // namespace sift::search
