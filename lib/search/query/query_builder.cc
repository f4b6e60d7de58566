// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/query/query_builder.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "search/query/query_builder_util.h"
#include "sift/error.h"

namespace sift::search {
namespace {

using builder_util::combine;
using builder_util::group;
using builder_util::Q;
using builder_util::Token;

/// Synonym keys are at most three words; longer keys cannot be stored.
constexpr std::size_t kMaxSynonymKeyBytes = 200;

/// Up to this many lines are deduplicated by comparing each with those
/// kept before it: no hash set to allocate for a query's few lines.
constexpr std::size_t kSmallDedupe = 16;

/// Removes repeated lines, keeping the first of each, in linear time.
void dedupe(std::vector<std::string>& v) {
  if (v.size() <= kSmallDedupe) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (std::find(v.begin(), v.begin() + kept, v[i]) != v.begin() + kept) continue;
      if (kept != i) v[kept] = std::move(v[i]);
      ++kept;
    }
    v.resize(kept);
    return;
  }
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

}  // namespace

QueryBuilder::Prefixes QueryBuilder::prefixes_of(const format::TextFieldSpec* field) {
  if (field == nullptr) return {"", format::kStem, nullptr};
  return {field->exact_prefix, field->stem_prefix, field};
}

QueryBuilder::QueryBuilder(analysis::Analyzer& analyzer, const Xapian::Database& db,
                           StemForms& forms, const QueryLimits& limits, const ParseOptions& options,
                           std::string_view query, ParsedQuery& out)
    : analyzer_(analyzer),
      db_(db),
      forms_(forms),
      limits_(limits),
      options_(options),
      query_(query),
      out_(out) {}

void QueryBuilder::build(const std::optional<Node>& root) {
  std::optional<Part> part;
  if (root && root->kind == Node::Kind::And && !root->explicit_and) {
    part = all_of(*root, false, /*graded=*/true);
  } else if (root && root->kind == Node::Kind::Word && !root->required) {
    // One word may be several (parser/composer, an unspaced CJK run).
    Node all;
    all.kind = Node::Kind::And;
    all.children.push_back(*root);
    part = all_of(all, false, /*graded=*/true);
  } else if (root) {
    part = node(*root, false);
  }
  if (!part) {
    // Say why when a part was dropped (an impossible date range, a field
    // with nothing to search): the warnings are the reason.
    std::string message = "query has no searchable words";
    for (std::size_t i = 0; i < out_.warnings.size(); ++i) {
      message += (i == 0 ? " (" : "; ") + out_.warnings[i];
    }
    if (!out_.warnings.empty()) message += ")";
    throw Error(ErrorCode::BadQuery, message);
  }
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
      return plain_word(n, analyze(n), negated);
    case K::Exact:
      return exact_word(n, negated);
    case K::Phrase:
      return phrase(n, {"", format::kStem}, false, negated);
    case K::StemPhrase:
      return phrase(n, {"", format::kStem}, true, negated);
    case K::Wildcard:
      return wildcard(n, nullptr, negated);
    case K::FieldWord:
    case K::FieldPhrase:
      // A field without stems searches its value as exact words in order.
      if (n.text_field->stem_prefix.empty()) return exact_words(n);
      if (n.kind == K::FieldPhrase) return phrase(n, prefixes_of(n.text_field), false, negated);
      return word(n, analyze(n), prefixes_of(n.text_field), false, negated);
    case K::FieldWildcard:
      return wildcard(n, n.text_field, negated);
    case K::Keyword:
      return keyword(n);
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

std::optional<QueryBuilder::Part> QueryBuilder::all_of(const Node& n, bool negated, bool graded) {
  // Analyze the plain words first: runs of 2-3 adjacent one-token words are
  // looked up as multi-word synonym keys ("united states").
  std::vector<std::vector<Token>> tokens(n.children.size());
  auto single = [&](std::size_t i) {
    return n.children[i].kind == Node::Kind::Word && tokens[i].size() == 1 && !tokens[i][0].joined;
  };
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    if (n.children[i].kind == Node::Kind::Word) tokens[i] = analyze(n.children[i]);
  }
  // Only a graded query of several words asks whether a word is common
  // (one term-frequency lookup each, a round trip on a remote shard): the
  // tier of a one-word query is that word whatever its frequency.
  const bool several = n.children.size() > 1 || (!tokens.empty() && tokens[0].size() > 1);
  const bool outer_check = check_common_;
  check_common_ = graded && several;
  struct Restore {
    bool& flag;
    bool value;
    ~Restore() { flag = value; }
  } restore{check_common_, outer_check};

  std::vector<Q> positives, negatives, filters;
  std::vector<Q> required, optional;  // The positives of a graded query, split.
  std::vector<Q> tier;                // The positives the all-words tier requires.
  std::vector<std::string> items, negative_items, common_words;
  auto add_positive = [&](const Part& p, bool plain) {
    positives.push_back(p.query);
    items.push_back(p.description);
    (plain ? optional : required).push_back(p.query);
    if (plain && p.common) {
      common_words.push_back(p.description);
    } else {
      tier.push_back(p.query);
    }
  };
  for (std::size_t i = 0; i < n.children.size();) {
    std::optional<Part> part;
    std::size_t used = 1;
    bool plain = false;  // Only plain words are optional in a graded query.
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
            if (auto p = word(*run[j], run_tokens[j], {"", format::kStem}, true, negated)) {
              qs.push_back(p->query);
              descs.push_back(p->description);
            }
          }
          part =
              with_synonyms(Part{combine(Q::OP_AND, qs), group(descs, "AND")}, key, syns, negated);
          used = k;
          plain = std::none_of(run.begin(), run.end(), [](const Node* r) { return r->required; });
        }
      }
    }
    if (!part) {
      const Node& child = n.children[i];
      if (child.kind == Node::Kind::Word) {
        // Each word of a split word counts as a word of the query.
        for (const Part& p : plain_words(child, tokens[i], negated)) {
          add_positive(p, !child.required);
        }
        ++i;
        continue;
      }
      part = node(child, negated);
    }
    i += used;
    if (!part) continue;
    switch (part->role) {
      case Role::Positive:
        add_positive(*part, plain);
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
  if (graded && !negated && !optional.empty() && positives.size() >= 2) {
    // Any of the optional words (with every required part), plus a fixed
    // bonus for the documents that have all of them: one match ranks the
    // all-words tier first, and Xapian's max-weight pruning skips the
    // partial matches once the top of the ranking is all-words documents.
    // FixedWeightPostingSource is in Xapian's default registry, so this
    // also runs on remote shards (xapian-tcpsrv).
    // Required parts must match; the optional words then only add weight.
    Q any = combine(Q::OP_OR, optional);
    if (!required.empty()) any = Q(Q::OP_AND_MAYBE, combine(Q::OP_AND, required), any);
    // "Every word" leaves out the common words (as Lucene's
    // CommonTermsQuery does): a page lacking "the" or "file" is not
    // thereby less about the rest, and BM25 weighs those words little.
    // They still add weight; a query of common words only needs them all.
    if (tier.empty() || common_words.empty()) {
      tier = positives;
    } else {
      expansion("every word: all but the common words " + builder_util::join(common_words, ", "));
    }
    Q all_words = combine(Q::OP_AND, tier);
    Q bonus((new Xapian::FixedWeightPostingSource(kAllWordsBonus))->release());
    Q graded_query(Q::OP_OR, any, Q(Q::OP_FILTER, bonus, all_words));
    if (!filters.empty()) {
      graded_query = Q(Q::OP_FILTER, graded_query, combine(Q::OP_AND, filters));
      all_words = Q(Q::OP_FILTER, all_words, combine(Q::OP_AND, filters));
    }
    if (!negatives.empty()) {
      graded_query = Q(Q::OP_AND_NOT, graded_query, combine(Q::OP_OR, negatives));
      all_words = Q(Q::OP_AND_NOT, all_words, combine(Q::OP_OR, negatives));
    }
    out_.graded = std::move(graded_query);
    out_.all_words = std::move(all_words);
  }
  return out;
}

std::vector<QueryBuilder::Part> QueryBuilder::plain_words(const Node& n,
                                                          const std::vector<Token>& tokens,
                                                          bool negated) {
  std::vector<Part> out;
  const builder_util::Split s = builder_util::split(tokens);
  if (s.parts.size() > 1 && !s.joined) {
    // Separators, not joiners: "parser/composer", "files.", an unspaced
    // run of CJK words.  Each is a word of its own, not a phrase fragment;
    // a hyphenated run inside ("a-b/c-d") stays one word with its joined
    // form (the parts within the joined token's bytes).
    for (std::size_t i = 0; i < s.parts.size();) {
      std::vector<Token> group{*s.parts[i]};
      for (const Token& j : tokens) {
        if (j.joined && j.begin == s.parts[i]->begin) {
          group = {j};
          while (i < s.parts.size() && s.parts[i]->end <= j.end) group.push_back(*s.parts[i++]);
          break;
        }
      }
      if (group.size() == 1) ++i;
      if (auto p = word(n, group, {"", format::kStem}, true, negated)) out.push_back(std::move(*p));
    }
  } else if (auto p = word(n, tokens, {"", format::kStem}, true, negated)) {
    out.push_back(std::move(*p));
  }
  return out;
}

std::optional<QueryBuilder::Part> QueryBuilder::plain_word(const Node& n,
                                                           const std::vector<Token>& tokens,
                                                           bool negated) {
  std::vector<Part> words = plain_words(n, tokens, negated);
  if (words.empty()) return std::nullopt;
  if (words.size() == 1) return std::move(words[0]);
  std::vector<Q> qs;
  std::vector<std::string> descs;
  for (const Part& p : words) {
    qs.push_back(p.query);
    descs.push_back(p.description);
  }
  return Part{combine(Q::OP_AND, qs), group(descs, "AND")};
}

std::vector<std::string> QueryBuilder::completions(const std::string& prefix) const {
  // Xapian's FLAG_PARTIAL keeps the most frequent expansions too; the scan
  // is capped so that a one-letter prefix on a large index stays cheap.
  constexpr std::size_t kScanned = 20'000;
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  std::size_t scanned = 0;
  for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
    if (++scanned > kScanned) break;
    const std::string t = *it;
    if (t == prefix) continue;
    found.emplace_back(it.get_termfreq(), t);
  }
  const std::size_t kept = std::min(found.size(), kPartialExpansions);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kept; ++i) out.push_back(std::move(found[i].second));
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

std::vector<std::string> QueryBuilder::word_synonyms(std::string& key) {
  auto syns = synonyms(key);
  // "Kiev's" has the synonyms of "kiev".
  if (syns.empty() && key.size() > 2 && key.ends_with("'s")) {
    key.resize(key.size() - 2);
    syns = synonyms(key);
  }
  // A group larger than load_synonyms allows (loaded by another tool or an
  // older Sift) is cut, so one word cannot take the query's term budget.
  if (const std::size_t cap = format::kMaxSynonymSpellings - 1; syns.size() > cap) {
    out_.warnings.push_back("'" + key + "' has " + std::to_string(syns.size()) +
                            " synonyms; only the first " + std::to_string(cap) + " are used");
    syns.resize(cap);
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

Xapian::Query QueryBuilder::stem_slot(std::string_view exact_prefix, const std::string& stem) {
  std::vector<Q> terms;
  for (const std::string& form : forms_.forms(stem)) {
    if (exact_prefix.size() + form.size() > format::kMaxTermBytes) continue;
    terms.push_back(term(std::string(exact_prefix) + form));
  }
  if (terms.empty()) return Q::MatchNothing;
  return builder_util::combine(Q::OP_OR, terms);
}

Xapian::Query QueryBuilder::weighed_phrase(const std::vector<Q>& weights,
                                           const std::vector<Q>& slots, std::uint32_t width) {
  if (weights.empty()) return phrase_query(slots, width);
  if (weights.size() == 1) return weights[0];
  return Q(Q::OP_FILTER, Q(Q::OP_AND, weights.begin(), weights.end()), phrase_query(slots, width));
}

bool QueryBuilder::common_word(const std::string& stem_term) const {
  const Xapian::doccount docs = db_.get_doccount();
  return docs >= kCommonWordMinDocs &&
         static_cast<double>(db_.get_termfreq(stem_term)) > kCommonWordShare * docs;
}

Xapian::Query QueryBuilder::term(const std::string& t) {
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
