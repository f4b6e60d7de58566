// SPDX-License-Identifier: GPL-2.0-or-later
// Stemming with Xapian's Snowball stemmers, and language errors.
#include <gtest/gtest.h>

#include <string>

#include "analysis/analyzer.h"
#include "sift/error.h"
#include "support/expect_sift_error.h"
#include "xapian.h"

namespace sift::analysis {
namespace {

TEST(AnalysisStemming, EnglishStemsInflections) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.stem("strikes"), "strike");
  EXPECT_EQ(analyzer.stem("striking"), "strike");
  EXPECT_EQ(analyzer.stem("strike"), "strike");
  // The possessive goes, whichever apostrophe the text used (the analyzer
  // makes them all ').
  EXPECT_EQ(analyzer.stem("kyiv's"), "kyiv");
  const auto tokens = analyzer.tokens("Kyiv\u2019s");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(analyzer.stem(tokens[0].text), "kyiv");
}

TEST(AnalysisStemming, RepeatedAndManyWordsStemLikeXapian) {
  // stem() keeps recent stems; hits, misses and a full cache must all give
  // Snowball's answer.
  Analyzer analyzer;
  Xapian::Stem english("english");
  for (int round = 0; round < 2; ++round) {
    for (const char* word : {"strikes", "striking", "nations", "generalization", "kyiv's"}) {
      EXPECT_EQ(analyzer.stem(word), english(word)) << word << " round " << round;
    }
  }
  for (int i = 0; i < 120'000; ++i) {
    const std::string word = "walking" + std::to_string(i) + "ness";
    ASSERT_EQ(analyzer.stem(word), english(word)) << word;
  }
  EXPECT_EQ(analyzer.stem("strikes"), "strike");
  // Words too long to be kept are stemmed too.
  const std::string long_word = std::string(40, 'x') + "ations";
  EXPECT_EQ(analyzer.stem(long_word), english(long_word));
  EXPECT_EQ(analyzer.stem(long_word), english(long_word));
}

TEST(AnalysisStemming, OtherLanguages) {
  AnalyzerOptions options;
  options.language = "french";
  Analyzer french(options);
  EXPECT_EQ(french.stem("continuellement"), "continuel");
  options.language = "ru";  // Xapian's ISO codes work too
  Analyzer russian(options);
  EXPECT_EQ(russian.stem("книгами"), "книг");
}

TEST(AnalysisStemming, NoneKeepsTokens) {
  AnalyzerOptions options;
  options.language = "none";
  Analyzer analyzer(options);
  EXPECT_EQ(analyzer.stem("strikes"), "strikes");
  EXPECT_EQ(analyzer.stem("kyiv's"), "kyiv's");
  EXPECT_EQ(analyzer.stem(""), "");
  // Tokens are unaffected by the language.
  ASSERT_EQ(analyzer.tokens("Strikes").size(), 1u);
  EXPECT_EQ(analyzer.tokens("Strikes")[0].text, "strikes");
}

TEST(AnalysisStemming, UnknownLanguageIsUnsupported) {
  AnalyzerOptions options;
  options.language = "klingon";
  EXPECT_SIFT_ERROR(
      Analyzer analyzer(options), ErrorCode::Unsupported,
      ::testing::AllOf(::testing::StartsWith("unknown stemming language 'klingon'; known: none, "),
                       ::testing::HasSubstr("english"), ::testing::HasSubstr("french")));
}

}  // namespace
}  // namespace sift::analysis
