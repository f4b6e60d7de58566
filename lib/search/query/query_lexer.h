// SPDX-License-Identifier: GPL-2.0-or-later
// The query language's lexer: query string -> lexemes, in one linear pass.
//
// Internal to the query parser.  The lexer only finds the query's structure
// (operators, parentheses, phrases, fields, prefixes); the words themselves
// are analyzed later by the shared Analyzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sift::search {

enum class LexKind {
  Word,    ///< A run of characters up to white space, a parenthesis or a quote.
  Exact,   ///< =word: `text` is the word without '='.
  Phrase,  ///< "..." or ~"..." (stemmed): `text` is the inside of the quotes.
  Field,   ///< name:value; `text` is the value (a phrase's inside when quoted).
  Open,    ///< (
  Close,   ///< )
  Or,      ///< OR
  And,     ///< AND
  Not,     ///< NOT
  Minus,   ///< '-' directly before a word, phrase, field or parenthesis.
  Plus,    ///< '+' directly before a word, phrase, field or parenthesis.
  Near,    ///< NEAR, NEAR/n, ADJ, ADJ/n
};

/// One lexeme.  Every string_view points into the query string.
struct Lexeme {
  LexKind kind = LexKind::Word;
  std::size_t begin = 0;  ///< Byte range of the whole lexeme in the query.
  std::size_t end = 0;
  std::string_view text;      ///< See LexKind; its offset is text.data() - query.data().
  std::string_view field;     ///< Field: the name as typed, without ':'.
  bool quoted = false;        ///< Field: the value was quoted.
  bool stemmed = false;       ///< Phrase: written ~"...".
  bool ordered = false;       ///< Near: ADJ.
  std::uint32_t window = 10;  ///< Near: n (10 when not given), capped.
};

/// NEAR and ADJ without /n allow this many words between their operands.
inline constexpr std::uint32_t kDefaultNearWindow = 10;

/// Splits valid UTF-8 `query` into lexemes in O(query.size()) time.
/// Problems that can be repaired (an unbalanced quote, an empty phrase, a
/// lone '-' or '+', NEAR/n past `max_near_window`) add a sentence to
/// `warnings`; the lexer never fails.
std::vector<Lexeme> lex_query(std::string_view query, std::uint32_t max_near_window,
                              std::vector<std::string>& warnings);

}  // namespace sift::search
