// SPDX-License-Identifier: GPL-2.0-or-later
// Positions (consecutive words, paragraph gaps, skipped long tokens) and
// byte offsets back into the original input, including bad input.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis_test_util.h"

namespace sift::analysis {
namespace {

using test::all_texts;
using test::source;
using test::words;
using V = std::vector<std::string>;

std::vector<std::uint32_t> positions(const std::vector<Token>& tokens) {
  std::vector<std::uint32_t> out;
  for (const Token& t : tokens) out.push_back(t.position);
  return out;
}

// Every token's range lies in `text`, is not empty, and its original text
// analyzes to the token again (for parts of hyphenated words and joined
// forms too).
void expect_offsets_exact(std::string_view text) {
  Analyzer analyzer;
  Analyzer again;
  for (const Token& t : analyzer.tokens(text)) {
    SCOPED_TRACE("token '" + t.text + "' of '" + std::string(text) + "'");
    ASSERT_FALSE(t.text.empty());
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    const auto re = again.tokens(source(text, t));
    ASSERT_FALSE(re.empty());
    EXPECT_EQ(re.front().text, t.text);
  }
}

TEST(AnalysisOffsets, PointAtTheOriginalCharacters) {
  const std::string text =
      "\u201CKyiv\u2019s\u201D caf\u00E9 Z\u00FCrich \u041A\u0438\u0457\u0432 \U0001F600 "
      "\uFB01le co\u00ADoperate \u6211\u4EEC\u5728\u5317\u4EAC F\u201316 U.S.";
  Analyzer analyzer;
  const auto tokens = analyzer.tokens(text);
  std::vector<std::string> originals;
  for (const Token& t : tokens) originals.push_back(std::string(source(text, t)));
  EXPECT_EQ(originals, (V{"Kyiv\u2019s", "caf\u00E9", "Z\u00FCrich", "\u041A\u0438\u0457\u0432",
                          "\uFB01le", "co\u00ADoperate", "\u6211\u4EEC", "\u5728", "\u5317\u4EAC",
                          "F\u201316", "F", "16", "U.S"}));
  EXPECT_EQ(all_texts(tokens),
            (V{"kyiv's", "cafe", "zurich", "\u043A\u0438\u0456\u0432", "file", "cooperate",
               "\u6211\u4EEC", "\u5728", "\u5317\u4EAC", "f16", "f", "16", "us"}));
}

TEST(AnalysisOffsets, MixedSamplesRoundTrip) {
  for (const char* sample :
       {"Stoltenberg said \u201Cthe time has come\u201D for NATO",
        "Secretary-General Jens Stoltenberg\u2019s 190\u2013mile state-of-the-art",
        "\u041C\u043E\u0441\u043A\u0432\u0430 \u0438 \u041A\u0438\u0457\u0432 \u2014 "
        "\u00C5ngstr\u00F6m",
        "\u6771\u4EAC\u90FD\u306B\u4F4F\u3093\u3067\u3044\u307E\u3059 "
        "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35",
        "emoji \U0001F468\u200D\U0001F469\u200D\U0001F467 family \U0001F1FA\U0001F1E6 flag",
        "e\u0301cole\u0301 decomposed, ＡＢＣ full width, and U.K.\n\nnext"}) {
    expect_offsets_exact(sample);
  }
}

TEST(AnalysisPositions, ConsecutiveFromFirstPositionAndReturnsNext) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  const std::uint32_t next =
      analyzer.analyze("one two three", 10, [&](const Token& t) { tokens.push_back(t); });
  EXPECT_EQ(positions(tokens), (std::vector<std::uint32_t>{10, 11, 12}));
  EXPECT_EQ(next, 13u);
  EXPECT_EQ(analyzer.analyze("", 7, [](const Token&) { FAIL() << "no token expected"; }), 7u);
  EXPECT_EQ(analyzer.analyze(" ,.;\n\n ", 7, [](const Token&) { FAIL() << "no token"; }), 7u);
}

TEST(AnalysisPositions, LineFeedAddsParagraphGapOnce) {
  AnalyzerOptions options;
  options.paragraph_gap = 100;
  Analyzer analyzer(options);
  EXPECT_EQ(positions(analyzer.tokens("a b\nc")), (std::vector<std::uint32_t>{1, 2, 103}));
  // However many blank lines (and CRLF line ends) make one break.
  EXPECT_EQ(positions(analyzer.tokens("a b\r\n\r\n\n\nc d")),
            (std::vector<std::uint32_t>{1, 2, 103, 104}));
  // Two breaks, two gaps.
  EXPECT_EQ(positions(analyzer.tokens("a\n\nb\n\nc")), (std::vector<std::uint32_t>{1, 102, 203}));
  // A line feed before the first word or after the last adds nothing.
  EXPECT_EQ(positions(analyzer.tokens("\n\na b\n")), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(analyzer.analyze("a\n", 1, [](const Token&) {}), 2u);
  // Other separators add nothing.
  EXPECT_EQ(positions(analyzer.tokens("a. b\t\u3000c")), (std::vector<std::uint32_t>{1, 2, 3}));

  AnalyzerOptions small_gap;
  small_gap.paragraph_gap = 5;
  EXPECT_EQ(positions(Analyzer(small_gap).tokens("a\nb")), (std::vector<std::uint32_t>{1, 7}));
}

TEST(AnalysisPositions, LongTokensAreSkippedButTakeAPosition) {
  AnalyzerOptions options;
  options.max_token_bytes = 10;
  Analyzer analyzer(options);
  const auto tokens = analyzer.tokens("short averyveryverylongword after");
  EXPECT_EQ(all_texts(tokens), (V{"short", "after"}));
  EXPECT_EQ(positions(tokens), (std::vector<std::uint32_t>{1, 3}));
  // The limit counts bytes after normalization: six é are 12 bytes of
  // input, 6 bytes folded, 12 bytes when accents are kept.
  const std::string six_e = "\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9";
  EXPECT_EQ(all_texts(analyzer.tokens(six_e)), (V{"eeeeee"}));
  EXPECT_EQ(
      all_texts(Analyzer(AnalyzerOptions{
                             .language = "english", .keep_accents = true, .max_token_bytes = 10})
                    .tokens(six_e)),
      V{});
  // Exactly at the limit is kept.
  EXPECT_EQ(all_texts(analyzer.tokens("abcdefghij abcdefghijk")), (V{"abcdefghij"}));
  // A too-long part of a hyphenated word is skipped, and so is the joined
  // form, but the other parts stay in place.
  const auto parts = analyzer.tokens("x-averyveryverylongword-y z");
  EXPECT_EQ(all_texts(parts), (V{"x", "y", "z"}));
  EXPECT_EQ(positions(parts), (std::vector<std::uint32_t>{1, 3, 4}));
}

TEST(AnalysisPositions, EmptyAndBadInputDoNotCrash) {
  Analyzer analyzer;
  EXPECT_TRUE(analyzer.tokens("").empty());
  // Invalid UTF-8 reads as U+FFFD, which separates words; offsets stay on
  // the original bytes.
  const std::string bad =
      "abc\xFF"
      "def \xC3 ghi \xE2\x80 jkl\xF0\x9F\x98 x\xC0\xAF"
      "y";
  const auto tokens = analyzer.tokens(bad);
  EXPECT_EQ(all_texts(tokens), (V{"abc", "def", "ghi", "jkl", "x", "y"}));
  for (const Token& t : tokens) {
    ASSERT_LE(t.end, bad.size());
    EXPECT_EQ(source(bad, t), t.text);
  }
  // Truncated sequences at the very end, NUL bytes, lone surrogates
  // encoded in UTF-8, bytes past U+10FFFF.
  for (const std::string& s :
       {std::string("end\xE4\xB8"), std::string("a\0b", 3), std::string("\xED\xA0\x80z"),
        std::string("\xF4\x90\x80\x80q"), std::string("\x80\x80\x80"), std::string(1, '\xC3')}) {
    for (const Token& t : analyzer.tokens(s)) {
      EXPECT_FALSE(t.text.empty());
      EXPECT_LE(t.end, s.size());
      EXPECT_LT(t.begin, t.end);
    }
  }
  EXPECT_EQ(all_texts(analyzer.tokens(std::string("a\0b", 3))), (V{"a", "b"}));
}

TEST(AnalysisPositions, LongInputIsCutBetweenWordsOnly) {
  // Longer than the analyzer's 1 MiB piece size: the words around each cut
  // must come out whole, with consecutive positions and exact offsets.
  std::string text;
  std::size_t expected_words = 0;
  while (text.size() < 2'500'000) {
    text += "Kyiv\u2019s state-of-the-art caf\u00E9 ";
    expected_words += 6;
  }
  Analyzer analyzer;
  std::size_t count = 0;
  std::uint32_t last = 0;
  bool ok = true;
  analyzer.analyze(text, 1, [&](const Token& t) {
    if (t.joined) {
      ok = ok && t.text == "stateoftheart" && source(text, t) == "state-of-the-art";
      return;
    }
    ++count;
    ok = ok && t.position == last + 1 && t.end <= text.size();
    last = t.position;
    const std::string_view original = source(text, t);
    ok = ok && (original == "Kyiv\u2019s" || original == "state" || original == "of" ||
                original == "the" || original == "art" || original == "caf\u00E9");
  });
  EXPECT_TRUE(ok);
  EXPECT_EQ(count, expected_words);

  // One huge run without spaces is cut anyway, on a character boundary.
  std::string run;
  while (run.size() < 1'500'000) run += "\u00E9";
  std::size_t bytes = 0;
  analyzer.analyze(run, 1, [&](const Token& t) {
    EXPECT_LE(t.end, run.size());
    bytes += t.end - t.begin;
  });
  EXPECT_EQ(bytes, 0u);  // every piece is over max_token_bytes
}

TEST(AnalysisPositions, RandomInputKeepsInvariants) {
  // Random mixes of the pieces the rules care about, and of stray bytes:
  // tokens are never empty, lie in the input, come in position order, and
  // analyze() returns a position after all of them.
  const std::vector<std::string> pieces = {"a",
                                           "Zu",
                                           "16",
                                           "-",
                                           "\u2013",
                                           ".",
                                           "'",
                                           "\u2019",
                                           " ",
                                           "\n",
                                           "\r\n",
                                           "\u00AD",
                                           "\u200B",
                                           "\u00E9",
                                           "e\u0301",
                                           "\u041A",
                                           "\u5317\u4EAC",
                                           "\u0E2A\u0E27\u0E31",
                                           "\U0001F600",
                                           "\xFF",
                                           "\xC3",
                                           "\xE2\x80",
                                           "\xF0\x9F",
                                           "\x80",
                                           std::string(1, '\0'),
                                           "\uFB01",
                                           "\uFF21",
                                           "\u201C"};
  std::mt19937 random(12345);
  AnalyzerOptions options;
  options.max_token_bytes = 12;
  Analyzer analyzer(options);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t n = random() % 40;
    for (std::size_t i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    SCOPED_TRACE(::testing::PrintToString(text));
    std::uint32_t last = 5;
    bool any = false;
    const std::uint32_t next = analyzer.analyze(text, 5, [&](const Token& t) {
      ASSERT_FALSE(t.text.empty());
      ASSERT_LE(t.text.size(), options.max_token_bytes);
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_GE(t.position, last);
      last = t.position;
      any = true;
    });
    if (any) {
      ASSERT_GT(next, last);
    } else {
      ASSERT_GE(next, 5u);
    }
  }
}

TEST(AnalysisAnalyzer, MovedAnalyzerKeepsWorking) {
  Analyzer first;
  Analyzer second = std::move(first);
  EXPECT_EQ(words(second.tokens("Hello World")), (V{"hello", "world"}));
  Analyzer third;
  third = std::move(second);
  EXPECT_EQ(words(third.tokens("Caf\u00E9")), (V{"cafe"}));
  EXPECT_EQ(third.options().language, "english");
}

}  // namespace
}  // namespace sift::analysis
