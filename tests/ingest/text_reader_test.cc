// SPDX-License-Identifier: GPL-2.0-or-later
// Plain-text articles: titles, paragraphs and rejections, on the seed corpus
// and on small inputs made for each rule.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sift/error.h"
#include "sift/ingest.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Document read_seed(const std::string& name) {
  const auto path = testing::corpus_dir() / (name + ".txt");
  return parse_text_article(testing::read_file(path), name, path.string());
}

std::size_t count(const std::vector<std::string>& paragraphs, const std::string& prefix) {
  return std::count_if(paragraphs.begin(), paragraphs.end(),
                       [&](const std::string& p) { return p.starts_with(prefix); });
}

// Reads `bytes` as the article in/x.txt, for the error tests.
void parse_x(std::string_view bytes) {
  (void)parse_text_article(bytes, "x", "in/x.txt");
}

TEST(TextReaderSeedTest, HeadlineIsTitleAndRepeatedParagraphIsKeptOnce) {
  const Document doc = read_seed("000_3fc74faefdc7eeff");
  EXPECT_EQ(doc.title, "NATO chief pushes to let Ukraine strike Russian soil with allied weapons");
  // 11 non-empty lines: the headline and 10 paragraphs, one of them twice.
  EXPECT_EQ(doc.paragraphs.size(), 9u);
  EXPECT_EQ(count(doc.paragraphs, "In a recent interview with The Economist"), 1u);
  EXPECT_EQ(count(doc.paragraphs, "NATO chief pushes"), 0u);
  EXPECT_EQ(doc.id, "000_3fc74faefdc7eeff");
  EXPECT_THAT(doc.path, HasSubstr("corpus/000_3fc74faefdc7eeff.txt"));
}

TEST(TextReaderSeedTest, CurlyQuotesAreKeptUnchanged) {
  const Document doc = read_seed("000_3fc74faefdc7eeff");
  EXPECT_THAT(doc.paragraphs[0], HasSubstr("said \u201cthe time has come\u201d for NATO"));
  EXPECT_THAT(doc.paragraphs[0], HasSubstr("Kyiv\u2019s use"));
}

TEST(TextReaderSeedTest, LongFirstSentenceGivesCutTitleAndStaysInBody) {
  const Document doc = read_seed("001_20fc1e4ed93c3508");
  EXPECT_EQ(doc.title,
            "Over the weekend NATO Secretary-General Jens Stoltenberg backed growing calls within "
            "the alliance to allow Ukraine to\u2026");
  // Single newlines separate its 12 paragraphs; the first line is one of them.
  ASSERT_EQ(doc.paragraphs.size(), 12u);
  EXPECT_EQ(doc.paragraphs[0],
            "Over the weekend NATO Secretary-General Jens Stoltenberg backed growing calls within "
            "the alliance to allow Ukraine to strike inside Russian territory using "
            "Western-supplied weapons.");
  EXPECT_EQ(doc.paragraphs[9], "\u2014 Leonid \u0425\u0412 Ragozin (@leonidragozin) May 25, 2024");
}

TEST(TextReaderSeedTest, OnlyATitleMadeFromTheFirstSentenceIsMarkedDerived) {
  // 001 has no headline: its title is its lead sentence, made by the reader.
  EXPECT_TRUE(read_seed("001_20fc1e4ed93c3508").title_derived);
  // 000 has a headline the author wrote.
  EXPECT_FALSE(read_seed("000_3fc74faefdc7eeff").title_derived);
}

TEST(TextReaderSeedTest, ShortHeadlines) {
  const Document doc = read_seed("002_b22d1a498633f02d");
  EXPECT_EQ(doc.title, "NATO allies ease military restrictions on Ukraine");
  EXPECT_EQ(doc.paragraphs.size(), 14u);
  EXPECT_EQ(doc.paragraphs[0].substr(0, 30), "Several NATO countries have pu");
}

TEST(TextReaderSeedTest, HeadlineRepeatedInBodyIsDropped) {
  const Document doc = read_seed("003_10ab41207cfcd9b5");
  EXPECT_EQ(doc.title, "NATO Debate Intensifies: Allowing Ukraine to Attack Russia from Within");
  // 16 non-empty lines: the headline, 5 lines repeating it, a line holding
  // it twice run together, and 9 paragraphs.
  EXPECT_EQ(doc.paragraphs.size(), 9u);
  EXPECT_EQ(count(doc.paragraphs, "NATO Debate Intensifies"), 0u);
}

TEST(TextReaderSeedTest, BlankLinesAfterHeadlineAndQuestionParagraphs) {
  const Document doc = read_seed("004_2f8928cd84fb3494");
  EXPECT_EQ(doc.title,
            "Report: NATO Meeting to Discuss Allowing Ukraine to Attack Targets Inside Russia");
  EXPECT_EQ(doc.paragraphs.size(), 47u);
  EXPECT_EQ(doc.paragraphs[0],
            "Should Ukraine be allowed to use long-range weapons supplied by France, the United "
            "States and other NATO countries to strike enemy targets inside Russian territory?");
}

TEST(TextReaderTest, QuestionOrExclamationHeadlineIsTitle) {
  Document doc =
      parse_text_article("Should Ukraine be allowed to strike Russia?\nYes.\n", "q", "q");
  EXPECT_EQ(doc.title, "Should Ukraine be allowed to strike Russia?");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Yes."));
  doc = parse_text_article("\u201cWe are in it!\u201d\n\nBody.", "e", "e");
  EXPECT_EQ(doc.title, "\u201cWe are in it!\u201d");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Body."));
}

TEST(TextReaderTest, FirstLineEndingInPeriodIsContent) {
  const Document doc =
      parse_text_article("Mr. Smith went to Washington. He stayed.\nMore.\n", "p", "p");
  // "Mr." does not end the first sentence; the final period is dropped.
  EXPECT_EQ(doc.title, "Mr. Smith went to Washington");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Mr. Smith went to Washington. He stayed.", "More."));
}

TEST(TextReaderTest, FirstLineEndingInColonOrQuotedPeriodIsContent) {
  EXPECT_EQ(parse_text_article("He said:\nno.", "c", "c").paragraphs.size(), 2u);
  EXPECT_EQ(parse_text_article("\u201cIt is over.\u201d\nno.", "c", "c").paragraphs.size(), 2u);
}

TEST(TextReaderTest, HeadlineLengthLimitIsInCharacters) {
  ReadOptions options;
  options.max_headline_chars = 6;
  // Six characters but eleven bytes: still a headline.
  Document doc = parse_text_article("\u041a\u0438\u0457\u0432 \u0430\nBody", "k", "k", options);
  EXPECT_EQ(doc.title, "\u041a\u0438\u0457\u0432 \u0430");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Body"));
  doc = parse_text_article("Seven c\nBody", "k", "k", options);
  EXPECT_EQ(doc.title, "Seven c");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Seven c", "Body"));
}

TEST(TextReaderTest, TitleCutWithoutSpacesFallsBackToWordOrCharacter) {
  ReadOptions options;
  options.max_title_chars = 4;
  const Document doc = parse_text_article("abcdefghij.\n", "w", "w", options);
  EXPECT_EQ(doc.title, "abc\u2026");
}

TEST(TextReaderTest, TitleCutDropsDanglingPunctuation) {
  ReadOptions options;
  options.max_title_chars = 12;
  const Document doc = parse_text_article("Alpha beta, gamma delta epsilon.\n", "d", "d", options);
  EXPECT_EQ(doc.title, "Alpha beta\u2026");
}

TEST(TextReaderTest, ParagraphsTrimmedAndComparedWithSpaceNormalized) {
  const Document doc =
      parse_text_article("Title\n\n  One   two \n\tOne two\nThree\n\xc2\xa0\n\n", "t", "t");
  EXPECT_THAT(doc.paragraphs, ElementsAre("One   two", "Three"));
}

TEST(TextReaderTest, InvisibleSpacesAreTrimmedAndBomsAtTheEndsToo) {
  // White space is util::is_white_space: zero width spaces and no-break
  // spaces pad, and compare as spaces.  A BOM at either end of a line is
  // dropped; inside a word it stays (it joins, as the analyzer reads it).
  const Document doc = parse_text_article(
      "\u200BTitle\u00A0here\u200B\n\n\uFEFF\n\u200B\n\uFEFFOne\u200Btwo\uFEFF\nOne two\n"
      "co\uFEFFoperate\nco operate\n",
      "t", "t");
  EXPECT_EQ(doc.title, "Title here");
  EXPECT_THAT(doc.paragraphs, ElementsAre("One\u200Btwo", "co\uFEFFoperate", "co operate"));
}

TEST(TextReaderTest, UnicodeLineSeparatorsSplitParagraphs) {
  const Document doc = parse_text_article("T\nA\u2028B\u2029C\rD\fE", "t", "t");
  EXPECT_THAT(doc.paragraphs, ElementsAre("A", "B", "C", "D", "E"));
}

TEST(TextReaderTest, BomRemovedAndCrlfReadAsLf) {
  const auto path = testing::test_data("text/bom_crlf.txt");
  const Document doc = parse_text_article(testing::read_file(path), "bom_crlf", path.string());
  EXPECT_EQ(doc.title, "Markets steady");
  EXPECT_THAT(doc.paragraphs, ElementsAre("Shares were flat.", "Bonds rose."));
}

TEST(TextReaderTest, EmptyOrWhitespaceFileIsRejected) {
  EXPECT_SIFT_ERROR(parse_x(""), ErrorCode::BadInput, ::testing::StrEq("in/x.txt: empty file"));
  EXPECT_SIFT_ERROR(parse_x(" \n\t\r\n\xc2\xa0\n"), ErrorCode::BadInput,
                    ::testing::StrEq("in/x.txt: empty file"));
  EXPECT_SIFT_ERROR(parse_x("\xef\xbb\xbf\n"), ErrorCode::BadInput,
                    ::testing::StrEq("in/x.txt: empty file"));
}

TEST(TextReaderTest, NulByteIsRejectedWithOffset) {
  EXPECT_SIFT_ERROR(parse_x(std::string_view("Title\n\nab\0cd", 12)), ErrorCode::BadInput,
                    ::testing::StrEq("in/x.txt: NUL byte at byte 9 (binary content?)"));
}

TEST(TextReaderTest, InvalidUtf8IsRejectedWithFileOffset) {
  EXPECT_SIFT_ERROR(parse_x("Title\n\nabc\xff"), ErrorCode::BadInput,
                    ::testing::StrEq("in/x.txt: invalid UTF-8 at byte 10"));
  // Offsets count the BOM: they are offsets in the file.
  EXPECT_SIFT_ERROR(parse_x("\xef\xbb\xbf"
                            "ab\xc3"),
                    ErrorCode::BadInput, ::testing::StrEq("in/x.txt: invalid UTF-8 at byte 5"));
  // A UTF-16 surrogate encoded in UTF-8 is ill-formed.
  EXPECT_SIFT_ERROR(parse_x("ok \xed\xa0\x80"), ErrorCode::BadInput,
                    ::testing::StrEq("in/x.txt: invalid UTF-8 at byte 3"));
}

TEST(TextReaderTest, EmptyIdIsRejected) {
  EXPECT_SIFT_ERROR((void)parse_text_article("Title\nBody", "", "p.txt"), ErrorCode::BadInput,
                    ::testing::StrEq("p.txt: empty document id"));
}

}  // namespace
}  // namespace sift
