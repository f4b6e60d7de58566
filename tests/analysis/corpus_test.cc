// SPDX-License-Identifier: GPL-2.0-or-later
// Property test over the real corpus: every token of every article is
// non-empty, within bounds, in position order, and its original text
// analyzes back to the same token.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "support/test_support.h"

namespace sift::analysis {
namespace {

std::vector<std::filesystem::path> articles() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(sift::testing::corpus_dir())) {
    if (entry.path().extension() == ".txt" && entry.path().filename() != "synonyms.txt") {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AnalysisCorpus, EveryArticleGivesValidTokens) {
  const auto paths = articles();
  ASSERT_GE(paths.size(), 5u);
  Analyzer analyzer;
  Analyzer checker;
  for (const auto& path : paths) {
    SCOPED_TRACE(path.string());
    const std::string text = sift::testing::read_file(path);
    std::size_t count = 0;
    std::uint32_t last_position = 0;
    std::size_t paragraphs = 0;
    const std::uint32_t next = analyzer.analyze(text, 1, [&](const Token& t) {
      ASSERT_FALSE(t.text.empty());
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_LE(t.text.size(), analyzer.options().max_token_bytes);
      ASSERT_GE(t.position, last_position);
      if (t.position >= last_position + analyzer.options().paragraph_gap) ++paragraphs;
      last_position = t.position;
      const std::string original = text.substr(t.begin, t.end - t.begin);
      const auto again = checker.tokens(original);
      ASSERT_FALSE(again.empty()) << original;
      EXPECT_EQ(again.front().text, t.text) << original;
      ++count;
    });
    EXPECT_GT(count, 100u);
    EXPECT_EQ(next, last_position + 1);
    // Articles are a title and paragraphs separated by blank lines.
    EXPECT_GE(paragraphs, 2u);
  }
}

TEST(AnalysisCorpus, KnownWordsOfTheFirstArticle) {
  const std::string text = sift::testing::read_file(articles().front());
  Analyzer analyzer;
  std::vector<std::string> words;
  for (const Token& t : analyzer.tokens(text)) words.push_back(t.text);
  for (const char* expected : {"nato", "stoltenberg", "kyiv's", "us", "crossborder", "cross",
                               "border", "the", "economist"}) {
    EXPECT_NE(std::find(words.begin(), words.end(), expected), words.end()) << expected;
  }
  // Curly quotes never leak into tokens.
  for (const std::string& w : words) {
    EXPECT_EQ(w.find("\u201C"), std::string::npos) << w;
    EXPECT_EQ(w.find("\u2019"), std::string::npos) << w;
  }
}

}  // namespace
}  // namespace sift::analysis
