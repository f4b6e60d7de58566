// SPDX-License-Identifier: GPL-2.0-or-later
// QueryParser: limits and UTF-8 checks, then lexer -> recursive-descent
// parser (this file) -> builder.
#include "search/query/query_parser.h"

#include <optional>
#include <span>
#include <utility>

#include "index/format/fields.h"
#include "ingest/iso_date.h"
#include "search/query/query_ast.h"
#include "search/query/query_builder.h"
#include "search/query/query_lexer.h"
#include "search/query/query_syntax.h"
#include "sift/error.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace sift::search {
namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Node leaf(Node::Kind kind, std::string_view text, std::string_view typed) {
  Node n;
  n.kind = kind;
  n.text = text;
  n.typed = typed;
  return n;
}

/// A list node, or its only child.
std::optional<Node> list(Node::Kind kind, std::vector<Node> items) {
  if (items.empty()) return std::nullopt;
  if (items.size() == 1) return std::move(items[0]);
  Node n;
  n.kind = kind;
  n.children = std::move(items);
  return n;
}

/// The grammar of query_parser.h over the lexemes.  Every loop consumes
/// at least one lexeme per turn, so parsing is linear; only '(' recurses,
/// and the depth is checked before it does.
class Parser {
 public:
  Parser(const std::vector<Lexeme>& lexemes, std::string_view query, const QueryLimits& limits,
         std::span<const format::TextFieldSpec> text_fields, std::vector<std::string>& warnings)
      : lx_(lexemes),
        query_(query),
        limits_(limits),
        text_fields_(text_fields),
        warnings_(warnings) {}

  std::optional<Node> parse() {
    std::vector<Node> items;
    while (true) {
      if (auto n = parse_or()) items.push_back(std::move(*n));
      if (at_end()) break;
      next();  // parse_or stops only at the end or at a ')'.
      warnings_.push_back("unmatched ')' ignored");
    }
    return list(Node::Kind::And, std::move(items));
  }

 private:
  bool at_end() const { return pos_ >= lx_.size(); }
  bool peek(LexKind k) const { return !at_end() && lx_[pos_].kind == k; }
  const Lexeme& next() { return lx_[pos_++]; }
  std::string typed(const Lexeme& l) const {
    return std::string(query_.substr(l.begin, l.end - l.begin));
  }

  // or := and ("OR" and)*
  std::optional<Node> parse_or() {
    std::vector<Node> items;
    if (auto first = parse_and()) items.push_back(std::move(*first));
    while (peek(LexKind::Or)) {
      next();
      auto right = parse_and();
      if (items.empty() || !right) {
        warnings_.push_back(std::string("'OR' without a ") + (items.empty() ? "left" : "right") +
                            " operand: ignored");
      }
      if (right) items.push_back(std::move(*right));
    }
    return list(Node::Kind::Or, std::move(items));
  }

  // and := near (["AND"] near)*
  std::optional<Node> parse_and() {
    std::vector<Node> items;
    bool any_explicit = false;
    while (!at_end() && !peek(LexKind::Or) && !peek(LexKind::Close)) {
      bool explicit_and = false;
      if (peek(LexKind::And)) {
        next();
        explicit_and = true;
        if (items.empty()) warnings_.push_back("'AND' without a left operand: ignored");
      }
      auto item = parse_near();
      if (item) {
        items.push_back(std::move(*item));
        any_explicit = any_explicit || (explicit_and && items.size() > 1);
      } else if (explicit_and && !items.empty()) {
        warnings_.push_back("'AND' without a right operand: ignored");
      }
    }
    auto out = list(Node::Kind::And, std::move(items));
    if (out && out->kind == Node::Kind::And) out->explicit_and = any_explicit;
    return out;
  }

  // near := unary (("NEAR/n" | "ADJ/n" | "NEAR" | "ADJ") unary)*, one flat chain.
  std::optional<Node> parse_near() {
    auto left = parse_unary();
    bool chain = false;
    while (peek(LexKind::Near)) {
      const Lexeme& op = next();
      auto right = parse_unary();
      if (!left || !right) {
        warnings_.push_back("'" + std::string(op.text) + "' without a " +
                            (left ? "right" : "left") + " operand: ignored");
        if (!left) {
          left = std::move(right);
          chain = false;
        }
        continue;
      }
      if (!chain) {
        Node n;
        n.kind = Node::Kind::Near;
        n.ordered = op.ordered;
        n.children.push_back(std::move(*left));
        left = std::move(n);
        chain = true;
      } else if (left->ordered != op.ordered) {
        warnings_.push_back("NEAR and ADJ mixed in one chain: searched as NEAR (order not kept)");
        left->ordered = false;
      }
      left->children.push_back(std::move(*right));
      left->gaps.push_back(op.window);
    }
    return left;
  }

  // unary := ("NOT" | "-") unary | "+" unary | primary, folded in a loop so
  // that a long run of NOTs cannot recurse.
  std::optional<Node> parse_unary() {
    std::size_t negations = 0;
    bool plus = false;
    const Lexeme* first_op = nullptr;
    while (peek(LexKind::Not) || peek(LexKind::Minus) || peek(LexKind::Plus)) {
      const Lexeme& l = next();
      if (!first_op) first_op = &l;
      if (l.kind == LexKind::Plus) {
        plus = true;
      } else {
        ++negations;
      }
    }
    auto p = parse_primary();
    if (!p) {
      if (first_op) warnings_.push_back("'" + typed(*first_op) + "' without an operand: ignored");
      return std::nullopt;
    }
    if (negations % 2 == 0) {
      p->required = p->required || plus;
      return p;
    }
    Node n;
    n.kind = Node::Kind::Not;
    n.children.push_back(std::move(*p));
    return n;
  }

  std::optional<Node> parse_primary() {
    if (at_end()) return std::nullopt;
    switch (lx_[pos_].kind) {
      case LexKind::Open: {
        if (depth_ >= limits_.max_depth) {
          throw Error(ErrorCode::BadQuery,
                      "query nests parentheses deeper than " + std::to_string(limits_.max_depth));
        }
        next();
        ++depth_;
        auto inner = parse_or();
        if (peek(LexKind::Close)) {
          next();
        } else {
          warnings_.push_back("missing ')': closed at the end of the query");
        }
        --depth_;
        return inner;
      }
      case LexKind::Word:
      case LexKind::Exact:
        return word(next());
      case LexKind::Phrase: {
        const Lexeme& l = next();
        return leaf(l.stemmed ? Node::Kind::StemPhrase : Node::Kind::Phrase, l.text,
                    query_.substr(l.begin, l.end - l.begin));
      }
      case LexKind::Field:
        return field(next());
      default:
        return std::nullopt;  // an operator or ')': the caller's business
    }
  }

  /// A word, =word, or a wildcard prefix*.
  std::optional<Node> word(const Lexeme& l) {
    const std::string_view typed_text = query_.substr(l.begin, l.end - l.begin);
    std::string_view text = l.text;
    if (text.find_first_not_of('*') == std::string_view::npos) {
      warnings_.push_back("a bare '*' was ignored");
      return std::nullopt;
    }
    if (text.front() == '*') {
      text.remove_prefix(text.find_first_not_of('*'));
      warnings_.push_back("leading wildcards are not supported: searched '" +
                          std::string(typed_text) + "' as '" + std::string(text) + "'");
    }
    if (text.back() == '*') {
      text.remove_suffix(text.size() - 1 - text.find_last_not_of('*'));
      return leaf(Node::Kind::Wildcard, text, typed_text);
    }
    return leaf(l.kind == LexKind::Exact ? Node::Kind::Exact : Node::Kind::Word, text, typed_text);
  }

  std::optional<Node> field(const Lexeme& l) {
    const std::string_view typed_text = query_.substr(l.begin, l.end - l.begin);
    const std::string name = ascii_lower(l.field);
    // The registry's text fields (title:, author:) search words; its
    // query fields (source:, tag:, date:) filter.
    const format::TextFieldSpec* text = format::find_text_field(name, text_fields_);
    const format::FieldSpec* filter = text ? nullptr : format::find_query_field(name);
    if (text == nullptr && filter == nullptr) {
      if (l.text.empty()) return leaf(Node::Kind::Word, typed_text, typed_text);  // "foo:"
      warnings_.push_back("unknown field '" + std::string(l.field) + "': searched " +
                          std::string(typed_text) + " as words");
      std::vector<Node> words;
      words.push_back(leaf(Node::Kind::Word, l.field, l.field));
      words.push_back(leaf(l.quoted ? Node::Kind::Phrase : Node::Kind::Word, l.text, l.text));
      return list(Node::Kind::And, std::move(words));
    }
    if (l.text.empty() && !l.quoted && text != nullptr && peek(LexKind::Open) &&
        lx_[pos_].begin == l.end) {
      // title:(a "b c" d*): the field applies to every word of the group.
      auto group = parse_primary();
      if (group) scope(*group, *text);
      return group;
    }
    if (l.text.empty()) {
      warnings_.push_back("field '" + name + ":' has no value: ignored");
      return std::nullopt;
    }
    if (text != nullptr) return text_leaf(l, *text, typed_text);
    if (filter->kind == format::FieldKind::Date) return date(l.text, typed_text);
    Node n = leaf(Node::Kind::Keyword, l.text, typed_text);
    n.field = filter;
    return n;
  }

  /// A text field's value: a word, a phrase (a field without stems takes
  /// either as its exact words in order), or prefix* where the field
  /// accepts it.
  std::optional<Node> text_leaf(const Lexeme& l, const format::TextFieldSpec& field,
                                std::string_view typed_text) {
    std::string_view text = l.text;
    Node::Kind kind = Node::Kind::FieldWord;
    if (l.quoted) {
      if (!field.stem_prefix.empty()) kind = Node::Kind::FieldPhrase;
    } else if (field.wildcards && text.back() == '*') {
      text.remove_suffix(text.size() - 1 - text.find_last_not_of('*'));
      if (text.find_first_not_of('*') == std::string_view::npos) {
        warnings_.push_back("a bare '*' was ignored");
        return std::nullopt;
      }
      kind = Node::Kind::FieldWildcard;
    }
    Node n = leaf(kind, text, typed_text);
    n.text_field = &field;
    return n;
  }

  /// Makes the words and phrases of a group searched in the text field
  /// `field`.  The group's depth is bounded by max_depth.
  static void scope(Node& n, const format::TextFieldSpec& field) {
    using K = Node::Kind;
    switch (n.kind) {
      case K::Word:
        n.kind = K::FieldWord;
        n.text_field = &field;
        break;
      case K::Exact:
      case K::Phrase:
      case K::StemPhrase:
        n.kind = field.stem_prefix.empty() ? K::FieldWord : K::FieldPhrase;
        n.text_field = &field;
        break;
      case K::Wildcard:
        if (field.wildcards) {
          n.kind = K::FieldWildcard;
          n.text_field = &field;
        }
        break;
      default:
        for (auto& c : n.children) scope(c, field);
    }
  }

  /// date:lo..hi, date:..hi, date:lo.., or date:day (ingest/iso_date.h).
  std::optional<Node> date(std::string_view value, std::string_view typed_text) {
    std::string problem;
    const auto range = ingest::parse_date_range(value, problem);
    if (!range) {
      warnings_.push_back("'" + std::string(typed_text) + "': " + problem + ": ignored");
      return std::nullopt;
    }
    Node n = leaf(Node::Kind::Date, value, typed_text);
    n.lo = range->from;
    n.hi = range->to;
    return n;
  }

  const std::vector<Lexeme>& lx_;
  std::string_view query_;
  const QueryLimits& limits_;
  std::span<const format::TextFieldSpec> text_fields_;
  std::vector<std::string>& warnings_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};

/// The start of a query for error messages.
std::string quoted_start(std::string_view query) {
  constexpr std::size_t kShown = 60;
  if (query.size() <= kShown) return "'" + std::string(query) + "'";
  return "'" + std::string(util::truncate_utf8(query, kShown)) + "...'";
}

/// Marks the query's last word as partial when it ends the query (no white
/// space after it): the word being typed.
void mark_partial(Node& root, std::string_view query) {
  Node* last = &root;
  while (!last->children.empty() &&
         (last->kind == Node::Kind::And || last->kind == Node::Kind::Or)) {
    last = &last->children.back();
  }
  if (last->kind != Node::Kind::Word || last->text.empty()) return;
  const std::size_t end =
      static_cast<std::size_t>(last->text.data() - query.data()) + last->text.size();
  if (end == query.size()) last->partial = true;
}

}  // namespace

QueryParser::QueryParser(analysis::Analyzer& analyzer, const Xapian::Database& db,
                         QueryLimits limits, StemForms* forms,
                         std::span<const format::TextFieldSpec> text_fields)
    : analyzer_(analyzer),
      db_(db),
      limits_(limits),
      text_fields_(text_fields),
      own_forms_(forms ? std::vector<Xapian::Database>{} : std::vector<Xapian::Database>{db}),
      forms_(forms ? forms : &own_forms_) {}

std::optional<Node> parse_syntax(std::string_view query, const QueryLimits& limits,
                                 std::vector<std::string>& warnings,
                                 std::span<const format::TextFieldSpec> text_fields) {
  if (query.size() > limits.max_query_bytes) {
    throw Error(ErrorCode::BadQuery, "query is " + std::to_string(query.size()) +
                                         " bytes; the limit is " +
                                         std::to_string(limits.max_query_bytes));
  }
  if (const auto bad = util::first_invalid_utf8(query)) {
    throw Error(ErrorCode::BadQuery,
                "query is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  // As in documents (see sift/ingest.h): a NUL byte is binary, not text,
  // and would be echoed into warnings that C strings cut short.
  if (const auto nul = query.find('\0'); nul != std::string_view::npos) {
    throw Error(ErrorCode::BadQuery, "query has a NUL byte (byte " + std::to_string(nul) + ")");
  }
  return util::guarded("parsing query " + quoted_start(query), [&] {
    const auto lexemes = lex_query(query, limits.max_near_window, warnings);
    return Parser(lexemes, query, limits, text_fields, warnings).parse();
  });
}

ParsedQuery QueryParser::parse(std::string_view query, const ParseOptions& options) {
  ParsedQuery out;
  auto tree = parse_syntax(query, limits_, out.warnings, text_fields_);
  try {
    if (tree && options.partial_last_word) mark_partial(*tree, query);
    QueryBuilder(analyzer_, db_, *forms_, limits_, options, query, out).build(tree);
    return out;
  } catch (const Xapian::DatabaseModifiedError&) {
    // The builder reads the index (term frequencies, synonyms): a writer's
    // commit is the caller's to retry after reopening.
    throw;
  } catch (...) {
    util::rethrow_as_sift_error("parsing query " + quoted_start(query));
  }
}

}  // namespace sift::search
