// SPDX-License-Identifier: GPL-2.0-or-later
// The one analyzer: text -> terms, shared by indexing, querying and snippets.
//
// Because documents, queries and snippet passages all go through this class,
// what is indexed and what is searched can never disagree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/options.h"

namespace sift::analysis {

/// One token of analyzed text.
struct Token {
  /// The normalized exact form: NFKC, case-folded, accents folded (unless
  /// kept), typographic apostrophes as ', soft hyphens and zero-width
  /// characters removed, dotted acronyms joined (U.S. -> us).
  std::string text;
  /// The word before accent folding (NFKC, case-folded, mapped), when
  /// folding changed it ("café" for text "cafe"); empty otherwise.  The
  /// stemmer sees this form, so a language's stem groups stay whole
  /// ("файлы" and "файл" both stem to "файл", which folds to "фаил").
  std::string unfolded;
  /// Word position (1-based within a call unless a first position is
  /// given).  Parts of a hyphenated word get consecutive positions; a
  /// paragraph break (a line feed in the input) adds paragraph_gap.
  std::uint32_t position = 0;
  /// Byte range [begin, end) of the token in the original input.
  std::size_t begin = 0;
  std::size_t end = 0;
  /// True for the joined form of a hyphenated word ("secretarygeneral",
  /// "f16"), emitted at the position of its first part with the byte range
  /// of the whole word, in addition to the parts.
  bool joined = false;
  /// Written with dots between single letters ("U.S.", "e.g."); `text`
  /// has them removed ("us").
  bool dotted = false;
  /// Written in capitals: two or more letters, every one upper-case, dots
  /// allowed between them ("US", "U.S.", "NATO"), so an acronym can be told
  /// from a word that folds to the same text (the pronoun "us").
  bool capitals = false;
};

/// The largest AnalyzerOptions::max_token_bytes accepted.  Xapian refuses
/// terms over 245 bytes when it commits, failing every pending document of
/// the batch; a token becomes a term with a prefix of up to 2 bytes ("ZS"),
/// and a few bytes are kept in reserve.
inline constexpr std::size_t kMaxTokenBytesLimit = 240;

/// Text analysis with ICU and Xapian's Snowball stemmers.
///
/// Not thread-safe: it owns an ICU BreakIterator that is reused across
/// calls.  Use one Analyzer per thread.  Never throws on bad input: invalid
/// UTF-8 is read as U+FFFD (readers reject such documents before they get
/// here).
class Analyzer {
 public:
  /// @throws sift::Error(Unsupported) for a language Xapian cannot stem,
  /// sift::Error(BadInput) for max_token_bytes over kMaxTokenBytesLimit,
  /// sift::Error(Internal) if ICU cannot create its break iterator.
  explicit Analyzer(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  /// Calls `emit` for each token of `text`, positions starting at
  /// `first_position`.  @return the position after the last one used.
  std::uint32_t analyze(std::string_view text, std::uint32_t first_position,
                        const std::function<void(const Token&)>& emit);

  /// Convenience: all tokens of `text`, positions from 1.
  std::vector<Token> tokens(std::string_view text);

  /// The stem of a token as indexed and searched: the stemmer sees the
  /// unfolded word (Token::unfolded, or the text when there is none) and
  /// the stem is then accent-folded like any token, so "café" and "cafe"
  /// share the stem "cafe".  The token's text when stemming is off.
  std::string stem(const Token& token) const;

  /// The stem of an already normalized word with no unfolded form (a
  /// synonym spelling, a highlight term): stem(Token{word}).
  std::string stem(std::string_view word) const;

  /// Normalizes a field value as a whole (source names, ids in filters):
  /// NFKC, case fold, accent fold, inner white space collapsed.
  std::string normalize(std::string_view text) const;

  const AnalyzerOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift::analysis
