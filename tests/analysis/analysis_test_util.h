// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers shared by the analysis tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace sift::analysis::test {

/// The texts of the tokens that are not joined forms, in order.
inline std::vector<std::string> words(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    if (!t.joined) out.push_back(t.text);
  }
  return out;
}

/// The texts of all tokens, joined forms included, in emission order.
inline std::vector<std::string> all_texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

/// The words of `text` analyzed with default options.
inline std::vector<std::string> words_of(std::string_view text,
                                         const AnalyzerOptions& options = {}) {
  Analyzer analyzer(options);
  return words(analyzer.tokens(text));
}

/// The original text of a token.
inline std::string_view source(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

}  // namespace sift::analysis::test
