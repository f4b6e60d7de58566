// SPDX-License-Identifier: GPL-2.0-or-later
// Normalization of tokens: NFKC, case folding, accent folding, apostrophes,
// ignorable characters, and Analyzer::normalize() for whole field values.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/term_normalizer.h"
#include "analysis_test_util.h"

namespace sift::analysis {
namespace {

using test::words_of;
using V = std::vector<std::string>;

AnalyzerOptions keep_accents() {
  AnalyzerOptions options;
  options.keep_accents = true;
  return options;
}

TEST(AnalysisNormalization, NfkcFoldsLigaturesAndFullWidthLetters) {
  EXPECT_EQ(words_of("\uFB01le \uFB02ow"), (V{"file", "flow"}));             // ﬁ, ﬂ ligatures
  EXPECT_EQ(words_of("\uFF21\uFF22\uFF23 \uFF11\uFF12"), (V{"abc", "12"}));  // ＡＢＣ １２
  // NFKC also applies when accents are kept.
  EXPECT_EQ(words_of("\uFB01le", keep_accents()), (V{"file"}));
}

TEST(AnalysisNormalization, CaseFolding) {
  EXPECT_EQ(words_of("Straße STRASSE strasse"), (V{"strasse", "strasse", "strasse"}));
  EXPECT_EQ(words_of("NATO Nato nato"), (V{"nato", "nato", "nato"}));
  // Greek final sigma and capital sigma fold to the same letter.
  EXPECT_EQ(words_of("ΟΔΟΣ οδος"), words_of("οδος οδος"));
}

TEST(AnalysisNormalization, AccentsFoldedByDefault) {
  EXPECT_EQ(words_of("café Zürich naïve Ångström"), (V{"cafe", "zurich", "naive", "angstrom"}));
  // Precomposed and decomposed input give the same token.
  EXPECT_EQ(words_of("cafe\u0301"), (V{"cafe"}));
  // A mark with no precomposed letter (q + acute) goes as well.
  EXPECT_EQ(words_of("q\u0301uick"), (V{"quick"}));
  // Greek tonos goes too.
  EXPECT_EQ(words_of("Αθήνα"), (V{"αθηνα"}));
}

TEST(AnalysisNormalization, KeepAccentsKeepsThem) {
  EXPECT_EQ(words_of("café Zürich", keep_accents()), (V{"café", "zürich"}));
  // ... still case-folded and composed (NFC), whatever form came in.
  EXPECT_EQ(words_of("CAFE\u0301", keep_accents()), (V{"café"}));
}

// Documented behaviour: Cyrillic letters with marks fold to their base
// letter like Latin ones, on both the document and the query side.
// ё -> е matches Russian practice; й -> и and ї -> і lose a distinction
// (keep_accents keeps it).
TEST(AnalysisNormalization, CyrillicMarksFoldUnlessKept) {
  EXPECT_EQ(words_of("ёлка Йод Київ"), (V{"елка", "иод", "киів"}));
  EXPECT_EQ(words_of("ёлка Йод Київ", keep_accents()), (V{"ёлка", "йод", "київ"}));
}

TEST(AnalysisNormalization, MarksOfOtherScriptsAreKept) {
  // Thai and Devanagari vowel signs are nonspacing marks that spell the
  // word; they must survive accent folding.
  EXPECT_EQ(words_of("ชื่อ"), (V{"ชื่อ"}));
  EXPECT_EQ(words_of("नमस्ते"), (V{"नमस्ते"}));
  // Japanese voiced kana (が = か + U+3099) stay voiced.
  EXPECT_EQ(words_of("ひらがな"), words_of("ひらがな", keep_accents()));
  EXPECT_NE(words_of("が"), words_of("か"));
}

TEST(AnalysisNormalization, TypographicApostrophesBecomeStraight) {
  const V expected{"kyiv's"};
  EXPECT_EQ(words_of("Kyiv's"), expected);
  EXPECT_EQ(words_of("Kyiv\u2019s"), expected);  // ’
  EXPECT_EQ(words_of("Kyiv\u2018s"), expected);  // ‘
  EXPECT_EQ(words_of("Kyiv\uFF07s"), expected);  // full-width '
  EXPECT_EQ(words_of("don\u2019t"), (V{"don't"}));
}

TEST(AnalysisNormalization, SoftHyphenAndZeroWidthCharactersAreRemoved) {
  EXPECT_EQ(words_of("co\u00ADoperate"), (V{"cooperate"}));  // soft hyphen
  EXPECT_EQ(words_of("co\u2060operate"), (V{"cooperate"}));  // word joiner
  EXPECT_EQ(words_of("co\uFEFFoperate"), (V{"cooperate"}));  // BOM / ZWNBSP
  EXPECT_EQ(words_of("co\u200Coperate"), (V{"cooperate"}));  // ZWNJ
  EXPECT_EQ(words_of("co\u200Doperate"), (V{"cooperate"}));  // ZWJ
  EXPECT_EQ(words_of("\uFEFFNATO"), (V{"nato"}));            // leading BOM
}

TEST(AnalysisNormalization, AsciiFastPathMatchesIcu) {
  // The ASCII fast path must agree with NFKC_Casefold for every printable
  // ASCII character that can be part of a word.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  TermNormalizer normalizer(false);
  std::u16string all;
  for (char16_t c = 0x20; c < 0x7f; ++c) all.push_back(c);
  std::string fast;
  normalizer.normalize_word(all, fast);
  std::string expected;
  nfkc_cf->normalize(icu::UnicodeString(all.data(), static_cast<int32_t>(all.size())), status)
      .toUTF8String(expected);
  ASSERT_TRUE(U_SUCCESS(status));
  EXPECT_EQ(fast, expected);
  // And a word with one non-ASCII letter takes the slow path to the same
  // lower-casing of its ASCII part.
  std::string slow;
  normalizer.normalize_word(u"MiXeD\u00E9", slow);
  EXPECT_EQ(slow, "mixede");
}

TEST(AnalysisNormalization, JoinDottedLetters) {
  auto join = [](std::string s) {
    join_dotted_letters(s);
    return s;
  };
  EXPECT_EQ(join("u.s"), "us");
  EXPECT_EQ(join("u.s.a"), "usa");
  EXPECT_EQ(join("é.u"), "éu");
  EXPECT_EQ(join("3.14"), "3.14");
  EXPECT_EQ(join("example.com"), "example.com");
  EXPECT_EQ(join("no.1"), "no.1");
  EXPECT_EQ(join("a..b"), "a..b");
  EXPECT_EQ(join("a."), "a.");
  EXPECT_EQ(join("u.s."), "u.s.");
  EXPECT_EQ(join("ab"), "ab");
}

TEST(AnalysisNormalization, FieldValues) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.normalize("  The   Economist\t\n"), "the economist");
  EXPECT_EQ(analyzer.normalize("Café  Zürich"), "cafe zurich");
  EXPECT_EQ(analyzer.normalize("Kyiv\u2019s \uFF21\uFF22"), "kyiv's ab");
  EXPECT_EQ(analyzer.normalize("Reuters\u2014World"), "reuters-world");
  EXPECT_EQ(analyzer.normalize("co\u00ADoperate"), "cooperate");
  EXPECT_EQ(analyzer.normalize(""), "");
  EXPECT_EQ(analyzer.normalize(" \n "), "");
  // No-break and ideographic spaces are white space too.
  EXPECT_EQ(analyzer.normalize("a\u00A0\u3000b"), "a b");
  // Every kind of white space (util::is_white_space) is a space, the
  // zero width space too, which NFKC alone would drop.
  EXPECT_EQ(analyzer.normalize("BBC\u200BNews"), "bbc news");
  EXPECT_EQ(analyzer.normalize("\u200BBBC\u0085News\u202F"), "bbc news");
  EXPECT_EQ(analyzer.normalize("co\uFEFFoperate"), "cooperate");
  Analyzer keeping(keep_accents());
  EXPECT_EQ(keeping.normalize("Café"), "café");
}

}  // namespace
}  // namespace sift::analysis
