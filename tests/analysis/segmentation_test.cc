// SPDX-License-Identifier: GPL-2.0-or-later
// Word segmentation: quotes, zero-width space, hyphenated words and their
// joined forms, dotted acronyms, and Chinese, Japanese and Thai.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis_test_util.h"

namespace sift::analysis {
namespace {

using test::all_texts;
using test::source;
using test::words_of;
using V = std::vector<std::string>;

TEST(AnalysisSegmentation, CurlyQuotesAreNotPartOfTokens) {
  EXPECT_EQ(words_of("said \u201Cthe time has come\u201D for"),
            (V{"said", "the", "time", "has", "come", "for"}));
  EXPECT_EQ(words_of("\u2018quoted\u2019 \u00ABguillemets\u00BB"), (V{"quoted", "guillemets"}));
  // A trailing typographic apostrophe (plural possessive) is not kept.
  EXPECT_EQ(words_of("allies\u2019 weapons"), (V{"allies", "weapons"}));
}

TEST(AnalysisSegmentation, NarrowNoBreakSpaceSeparatesWords) {
  // ICU keeps U+202F inside a word (UAX #29 ExtendNumLet); it is white
  // space, so "10 000" and French "Bonjour !" are written with it.
  EXPECT_EQ(words_of("10\u202F000 km"), (V{"10", "000", "km"}));
  EXPECT_EQ(words_of("Bonjour\u202F! \u00AB\u202Foui\u202F\u00BB"), (V{"bonjour", "oui"}));
  // As a plain space does, it ends a chain of parts joined by '_'.
  EXPECT_EQ(words_of("x86_64\u202Fbits_wide"), words_of("x86_64 bits_wide"));
  EXPECT_EQ(words_of("x86_64\u202Fbits_wide"), (V{"x86", "64", "bits", "wide"}));
  std::vector<std::string> joined;
  Analyzer analyzer;
  for (const Token& t : analyzer.tokens("x86_64\u202Fbits_wide")) {
    if (t.joined) joined.push_back(t.text);
  }
  EXPECT_EQ(joined, (V{"x8664", "bitswide"}));
  const std::string text = "lemon\u202Fmango";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].position + 1, tokens[1].position);
  EXPECT_EQ(source(text, tokens[0]), "lemon");
  EXPECT_EQ(source(text, tokens[1]), "mango");
}

TEST(AnalysisSegmentation, ZeroWidthSpaceSeparatesWords) {
  EXPECT_EQ(words_of("foo\u200Bbar"), (V{"foo", "bar"}));
  Analyzer analyzer;
  const std::string text = "foo\u200Bbar";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].position + 1, tokens[1].position);
  EXPECT_EQ(source(text, tokens[1]), "bar");
}

// Checks that `text` gives exactly `expected`, as (text, position, joined,
// original) tuples.
struct Expected {
  std::string text;
  std::uint32_t position;
  bool joined;
  std::string original;
};
void expect_tokens(std::string_view text, const std::vector<Expected>& expected) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), expected.size()) << testing::PrintToString(all_texts(tokens));
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    SCOPED_TRACE("token " + std::to_string(i) + " of '" + std::string(text) + "'");
    EXPECT_EQ(tokens[i].text, expected[i].text);
    EXPECT_EQ(tokens[i].position, expected[i].position);
    EXPECT_EQ(tokens[i].joined, expected[i].joined);
    EXPECT_EQ(source(text, tokens[i]), expected[i].original);
  }
}

TEST(AnalysisSegmentation, HyphenatedWordGivesPartsAndJoinedForm) {
  expect_tokens("NATO Secretary-General Jens", {{"nato", 1, false, "NATO"},
                                                {"secretarygeneral", 2, true, "Secretary-General"},
                                                {"secretary", 2, false, "Secretary"},
                                                {"general", 3, false, "General"},
                                                {"jens", 4, false, "Jens"}});
  expect_tokens("F-16 jets", {{"f16", 1, true, "F-16"},
                              {"f", 1, false, "F"},
                              {"16", 2, false, "16"},
                              {"jets", 3, false, "jets"}});
  expect_tokens("a 190-mile trip", {{"a", 1, false, "a"},
                                    {"190mile", 2, true, "190-mile"},
                                    {"190", 2, false, "190"},
                                    {"mile", 3, false, "mile"},
                                    {"trip", 4, false, "trip"}});
  expect_tokens("state-of-the-art", {{"stateoftheart", 1, true, "state-of-the-art"},
                                     {"state", 1, false, "state"},
                                     {"of", 2, false, "of"},
                                     {"the", 3, false, "the"},
                                     {"art", 4, false, "art"}});
}

TEST(AnalysisSegmentation, DashesJoinLikeHyphens) {
  for (const char* dash : {"\u2013", "\u2014", "\u2010", "\u2011", "\u2212"}) {
    const std::string text = std::string("190") + dash + "mile";
    SCOPED_TRACE(text);
    expect_tokens(
        text, {{"190mile", 1, true, text}, {"190", 1, false, "190"}, {"mile", 2, false, "mile"}});
  }
}

TEST(AnalysisSegmentation, OnlySingleHyphensWithoutSpacesJoin) {
  EXPECT_EQ(all_texts(Analyzer().tokens("well - known")), (V{"well", "known"}));
  EXPECT_EQ(all_texts(Analyzer().tokens("well -known")), (V{"well", "known"}));
  EXPECT_EQ(all_texts(Analyzer().tokens("well--known")), (V{"well", "known"}));
  EXPECT_EQ(all_texts(Analyzer().tokens("-known")), (V{"known"}));
  EXPECT_EQ(all_texts(Analyzer().tokens("well-")), (V{"well"}));
  // A second hyphenated word right after the first one is a chain of its
  // own.
  EXPECT_EQ(all_texts(Analyzer().tokens("cross-border low-cost")),
            (V{"crossborder", "cross", "border", "lowcost", "low", "cost"}));
}

TEST(AnalysisSegmentation, JoinedFormLongerThanLimitIsSkippedButPartsStay) {
  AnalyzerOptions options;
  options.max_token_bytes = 8;
  Analyzer analyzer(options);
  EXPECT_EQ(all_texts(analyzer.tokens("state-of-the-art")), (V{"state", "of", "the", "art"}));
  EXPECT_EQ(all_texts(analyzer.tokens("F-16")), (V{"f16", "f", "16"}));
}

TEST(AnalysisSegmentation, DottedAcronymsAreJoined) {
  EXPECT_EQ(words_of("the U.S. and the U.K."), (V{"the", "us", "and", "the", "uk"}));
  EXPECT_EQ(words_of("e.g. this"), (V{"eg", "this"}));
  // The original range is the letters and inner dots.
  Analyzer analyzer;
  const std::string text = "U.S. forces";
  const auto tokens = analyzer.tokens(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(source(text, tokens[0]), "U.S");
  // Other dotted tokens stay as ICU gives them.
  EXPECT_EQ(words_of("pi is 3.14 see example.com"), (V{"pi", "is", "3.14", "see", "example.com"}));
}

TEST(AnalysisSegmentation, ChineseIsSplitIntoWords) {
  const V words = words_of("我们在北京学习中文");
  EXPECT_GE(words.size(), 4u);
  EXPECT_NE(std::find(words.begin(), words.end(), "北京"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "中文"), words.end());
}

TEST(AnalysisSegmentation, JapaneseKanaAndKanjiAreSplit) {
  const V words = words_of("東京都に住んでいます");
  EXPECT_GE(words.size(), 3u);
  EXPECT_NE(std::find(words.begin(), words.end(), "東京"), words.end());
  // Katakana runs stay whole.
  EXPECT_EQ(words_of("カタカナ"), (V{"カタカナ"}));
}

TEST(AnalysisSegmentation, ThaiIsSplitIntoWords) {
  EXPECT_EQ(words_of("สวัสดีครับผมชื่อสมชาย"), (V{"สวัสดี", "ครับ", "ผม", "ชื่อ", "สมชาย"}));
}

TEST(AnalysisSegmentation, PunctuationSymbolsAndEmojiAreNotTokens) {
  EXPECT_EQ(words_of("... !!! \u2014 \U0001F44D \u00A9 ?"), V{});
  EXPECT_EQ(words_of("good\U0001F44Dnews"), (V{"good", "news"}));
}

}  // namespace
}  // namespace sift::analysis

namespace sift::analysis::test {
namespace {

// A handle is found with or without its '@' (001 quotes "@leonidragozin");
// an e-mail address stays one word; a lone '@' is no word.
TEST(AnalysisSegmentation, HandlesLoseTheirAt) {
  const std::string text = "Ragozin (@leonidragozin) wrote to a@b.com @ noon";
  const auto tokens = Analyzer().tokens(text);
  EXPECT_EQ(words(tokens), (std::vector<std::string>{"ragozin", "leonidragozin", "wrote", "to",
                                                     "a@b.com", "noon"}));
  EXPECT_EQ(source(text, tokens[1]), "leonidragozin");
  EXPECT_EQ(words_of("@leonidragozin"), words_of("leonidragozin"));
}

}  // namespace
}  // namespace sift::analysis::test
