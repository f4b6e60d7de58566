// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/query/query_lexer.h"

#include <algorithm>
#include <utility>

#include "util/utf8.h"

namespace sift::search {
namespace {

/// One decoded code point and its length in bytes.  The query was checked
/// to be valid UTF-8; ill-formed bytes still decode (as U+FFFD).
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  const std::size_t start = i;
  const char32_t cp = util::next_code_point(s, i);
  return {cp, i - start};
}

/// Straight, typographic (“ ” „ ‟), guillemet and full-width double quotes.
/// Any of them opens a phrase and any of them closes it, so text pasted
/// with mismatched quote styles still works.
bool is_quote(char32_t c) {
  return c == '"' || (c >= 0x201c && c <= 0x201f) || c == 0x00ab || c == 0x00bb || c == 0xff02;
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

class Lexer {
 public:
  Lexer(std::string_view query, std::uint32_t max_near_window, std::vector<std::string>& warnings)
      : q_(query), max_near_(max_near_window), warnings_(warnings) {}

  std::vector<Lexeme> run() {
    while (i_ < q_.size()) step();
    return std::move(out_);
  }

 private:
  void step() {
    const auto [cp, len] = decode(q_, i_);
    if (util::is_white_space(cp)) {
      i_ += len;
    } else if (cp == '(' || cp == ')') {
      push(cp == '(' ? LexKind::Open : LexKind::Close, i_, i_ + 1);
      ++i_;
    } else if (is_quote(cp)) {
      phrase(i_, i_, false);
    } else if (cp == '~' && next_is_quote(i_ + 1)) {
      phrase(i_, i_ + 1, true);
    } else if (cp == '-' || cp == '+') {
      prefix_operator(static_cast<char>(cp));
    } else if (cp == '=') {
      exact();
    } else {
      word(i_);
    }
  }

  bool next_is_quote(std::size_t at) const {
    return at < q_.size() && is_quote(decode(q_, at).first);
  }

  /// True if a word, phrase, field or '(' can start at `at`.
  bool operand_starts(std::size_t at) const {
    if (at >= q_.size()) return false;
    const char32_t c = decode(q_, at).first;
    return !util::is_white_space(c) && c != ')';
  }

  std::size_t word_end(std::size_t from) const {
    std::size_t j = from;
    while (j < q_.size()) {
      const auto [cp, len] = decode(q_, j);
      if (util::is_white_space(cp) || cp == '(' || cp == ')' || is_quote(cp)) break;
      j += len;
    }
    return j;
  }

  Lexeme& push(LexKind kind, std::size_t begin, std::size_t end) {
    Lexeme& l = out_.emplace_back();
    l.kind = kind;
    l.begin = begin;
    l.end = end;
    return l;
  }

  /// True if the '-' or '+' at i_ starts a command-line option rather than
  /// an operator: `--word`, or one or two ASCII letters ending the word
  /// (`-r`, `-rf`, `+x`).  People paste commands ("rm -r", "chmod +x").
  /// Looks at most four bytes ahead, so a run of n signs stays O(n).
  bool option_like() const {
    auto alpha_at = [&](std::size_t at) { return at < q_.size() && is_ascii_alpha(q_[at]); };
    auto ends_at = [&](std::size_t at) {
      if (at >= q_.size()) return true;
      const char32_t c = decode(q_, at).first;
      return util::is_white_space(c) || c == '(' || c == ')' || is_quote(c);
    };
    if (q_[i_] == '-' && i_ + 1 < q_.size() && q_[i_ + 1] == '-') return alpha_at(i_ + 2);
    return alpha_at(i_ + 1) && (ends_at(i_ + 2) || (alpha_at(i_ + 2) && ends_at(i_ + 3)));
  }

  void prefix_operator(char op) {
    if (option_like()) {
      const std::size_t end = word_end(i_);
      const std::string_view text = q_.substr(i_, end - i_);
      warnings_.push_back(
          "'" + std::string(text) + "' reads as a command-line option: searched as " +
          "a word, not as " +
          (op == '-' ? "NOT (write NOT word to exclude)" : "a required word (write +(word))"));
      Lexeme& l = push(LexKind::Word, i_, end);
      l.text = text;
      i_ = end;
      return;
    }
    if (!operand_starts(i_ + 1)) {
      warnings_.push_back(std::string("a lone '") + op + "' was ignored");
    } else {
      push(op == '-' ? LexKind::Minus : LexKind::Plus, i_, i_ + 1);
    }
    ++i_;
  }

  // =word is an exact term; ="phrase" is just a phrase (already exact).
  void exact() {
    const std::size_t start = i_;
    ++i_;
    if (!operand_starts(i_)) {
      warnings_.push_back("a lone '=' was ignored");
      return;
    }
    const char32_t c = decode(q_, i_).first;
    if (is_quote(c) || c == '(') return;
    const std::size_t end = word_end(i_);
    Lexeme& l = push(LexKind::Exact, start, end);
    l.text = q_.substr(i_, end - i_);
    i_ = end;
  }

  /// Finds the quote closing the one at `open`.  @return the closing
  /// quote's offset and length, or {npos, 0}.
  std::pair<std::size_t, std::size_t> closing_quote(std::size_t open) const {
    std::size_t j = open + decode(q_, open).second;
    while (j < q_.size()) {
      const auto [cp, len] = decode(q_, j);
      if (is_quote(cp)) return {j, len};
      j += len;
    }
    return {std::string_view::npos, 0};
  }

  /// Lexes a phrase whose opening quote is at `open` (a '~' at `start` makes
  /// it stemmed).  Unbalanced: the quote is dropped and the rest is lexed
  /// as words; no quote can follow, so this scan happens at most once.
  void phrase(std::size_t start, std::size_t open, bool stemmed) {
    const auto [close, close_len] = closing_quote(open);
    const std::size_t inner = open + decode(q_, open).second;
    if (close == std::string_view::npos) {
      warnings_.push_back("unbalanced quote: searched the rest as words");
      i_ = inner;
      return;
    }
    i_ = close + close_len;
    const std::string_view text = q_.substr(inner, close - inner);
    if (blank(text)) {
      warnings_.push_back("empty phrase \"\" ignored");
      return;
    }
    Lexeme& l = push(LexKind::Phrase, start, i_);
    l.text = text;
    l.stemmed = stemmed;
  }

  bool blank(std::string_view text) const {
    for (std::size_t j = 0; j < text.size();) {
      const auto [cp, len] = decode(text, j);
      if (!util::is_white_space(cp)) return false;
      j += len;
    }
    return true;
  }

  void word(std::size_t start) {
    const std::size_t end = word_end(start);
    const std::string_view text = q_.substr(start, end - start);
    i_ = end;
    if (operator_word(text, start, end)) return;
    if (field(text, start, end)) return;
    Lexeme& l = push(LexKind::Word, start, end);
    l.text = text;
  }

  bool operator_word(std::string_view text, std::size_t start, std::size_t end) {
    if (text == "OR" || text == "AND" || text == "NOT") {
      push(text == "OR" ? LexKind::Or : text == "AND" ? LexKind::And : LexKind::Not, start, end);
      return true;
    }
    const bool ordered = text.starts_with("ADJ");
    if (!ordered && !text.starts_with("NEAR")) return false;
    std::string_view rest = text.substr(ordered ? 3 : 4);
    std::uint64_t n = kDefaultNearWindow;
    if (!rest.empty()) {
      if (rest.size() < 2 || rest[0] != '/') return false;
      rest.remove_prefix(1);
      n = 0;
      for (char c : rest) {
        if (!is_ascii_digit(c)) return false;
        n = std::min<std::uint64_t>(n * 10 + static_cast<unsigned>(c - '0'), 1u << 31);
      }
    }
    if (n > max_near_) {
      warnings_.push_back(std::string(text) + ": the window is capped at " +
                          std::to_string(max_near_) + " words");
      n = max_near_;
    }
    Lexeme& l = push(LexKind::Near, start, end);
    l.text = text;
    l.ordered = ordered;
    l.window = static_cast<std::uint32_t>(n);
    return true;
  }

  // name:value with name = [A-Za-z][A-Za-z0-9_]*.  Whether the name is a
  // known field is the parser's business.
  bool field(std::string_view text, std::size_t start, std::size_t end) {
    if (text.empty() || !is_ascii_alpha(text[0])) return false;
    std::size_t colon = 1;
    while (colon < text.size() &&
           (is_ascii_alpha(text[colon]) || is_ascii_digit(text[colon]) || text[colon] == '_')) {
      ++colon;
    }
    if (colon >= text.size() || text[colon] != ':') return false;
    const std::string_view name = text.substr(0, colon);
    if (colon + 1 < text.size() || !next_is_quote(end)) {
      Lexeme& l = push(LexKind::Field, start, end);
      l.field = name;
      l.text = text.substr(colon + 1);
      return true;
    }
    // name:"quoted value"
    const auto [close, close_len] = closing_quote(end);
    const std::size_t inner = end + decode(q_, end).second;
    if (close == std::string_view::npos) {
      warnings_.push_back("unbalanced quote: searched the rest as words");
      const std::size_t value_end = word_end(inner);
      Lexeme& l = push(LexKind::Field, start, value_end);
      l.field = name;
      l.text = q_.substr(inner, value_end - inner);
      i_ = value_end;
      return true;
    }
    i_ = close + close_len;
    const std::string_view value = q_.substr(inner, close - inner);
    if (blank(value)) {
      warnings_.push_back("empty phrase \"\" ignored");
      return true;
    }
    Lexeme& l = push(LexKind::Field, start, i_);
    l.field = name;
    l.text = value;
    l.quoted = true;
    return true;
  }

  std::string_view q_;
  std::uint32_t max_near_;
  std::vector<std::string>& warnings_;
  std::vector<Lexeme> out_;
  std::size_t i_ = 0;
};

}  // namespace

std::vector<Lexeme> lex_query(std::string_view query, std::uint32_t max_near_window,
                              std::vector<std::string>& warnings) {
  return Lexer(query, max_near_window, warnings).run();
}

}  // namespace sift::search
