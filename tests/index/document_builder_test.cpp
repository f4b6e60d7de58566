// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/document_builder.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "index/term_scheme.h"
#include "index_helpers.h"

namespace sift::index {
namespace {

std::vector<Xapian::termpos> positions(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  if (it == doc.termlist_end() || *it != term) return {};
  return {it.positionlist_begin(), it.positionlist_end()};
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

TEST(IndexValidate, EmptyId) {
  Document doc;
  EXPECT_EQ(validate(doc), "document has an empty id");
}

TEST(IndexValidate, NamesTheIdAndTheField) {
  Document doc = testing::make_doc("x1", {"fine", "bad\0byte"});
  doc.paragraphs[1] = std::string("bad\0byte", 8);
  EXPECT_EQ(validate(doc).rfind("document 'x1': paragraph 2: NUL byte", 0), 0u) << validate(doc);
  doc.paragraphs[1] = "fine";
  doc.author = "caf\xc3";
  EXPECT_EQ(validate(doc).rfind("document 'x1': field author: invalid UTF-8", 0), 0u)
      << validate(doc);
  doc.author.clear();
  doc.date = "2024-13-01";
  EXPECT_EQ(validate(doc), "document 'x1': field date: '2024-13-01' is not a date YYYY-MM-DD");
  doc.date = "2024-05-30";
  EXPECT_EQ(validate(doc), "");
}

TEST(IndexContentHash, SeesEveryFieldAndTheAnalyzerOptions) {
  const Document doc = testing::make_doc("x", {"a b", "c"});
  const AnalyzerOptions options;
  const std::string base = content_hash(doc, options);
  EXPECT_EQ(content_hash(doc, options), base);

  Document split = doc;
  split.paragraphs = {"a", "b c"};
  EXPECT_NE(content_hash(split, options), base);
  Document dated = doc;
  dated.date = "2024-01-01";
  EXPECT_NE(content_hash(dated, options), base);
  Document moved = doc;
  moved.path = "elsewhere.txt";
  EXPECT_NE(content_hash(moved, options), base);
  AnalyzerOptions french;
  french.language = "french";
  EXPECT_NE(content_hash(doc, french), base);
}

class IndexBuildDocument : public ::testing::Test {
 protected:
  IndexBuildDocument() {
    doc.id = "doc-1";
    doc.title = "Strikes hit";
    doc.paragraphs = {"Alpha strikes again.", "Beta F-16 in 2024."};
    doc.author = "Jane Doe";
    doc.source = "The  Paper";
    doc.date = "2024-05-30";
    doc.path = "in/doc-1.txt";
    doc.url = "https://example.com/doc-1";
    xdoc = build_document(doc, "HASH", analyzer, spellings);
  }
  analysis::Analyzer analyzer;
  Document doc;
  SpellingCounts spellings;
  Xapian::Document xdoc;
};

TEST_F(IndexBuildDocument, TitleWordsFromPositionOneInFourForms) {
  EXPECT_EQ(positions(xdoc, "Sstrikes"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions(xdoc, "ZSstrike"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions(xdoc, "Shit"), (std::vector<Xapian::termpos>{2}));
  EXPECT_FALSE(has_term(xdoc, "Salpha"));
  const auto exact = positions(xdoc, "strikes");
  ASSERT_EQ(exact.size(), 2u);  // title and body
  EXPECT_EQ(exact[0], 1u);
  EXPECT_EQ(positions(xdoc, "Zstrike"), exact);
}

TEST_F(IndexBuildDocument, BodyStartsAParagraphGapAfterTheTitleAndParagraphsAreApart) {
  const Xapian::termpos gap = analyzer.options().paragraph_gap;
  const auto alpha = positions(xdoc, "alpha");
  const auto beta = positions(xdoc, "beta");
  ASSERT_EQ(alpha.size(), 1u);
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(alpha[0], 3 + gap);  // title used positions 1 and 2
  EXPECT_GE(beta[0], alpha[0] + gap);
  EXPECT_EQ(positions(xdoc, "Zalpha"), alpha);
}

TEST_F(IndexBuildDocument, JoinedHyphenFormsAtTheFirstPartsPosition) {
  const auto f = positions(xdoc, "f");
  const auto joined = positions(xdoc, "f16");
  ASSERT_EQ(joined.size(), 1u);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(joined, f);
  EXPECT_EQ(positions(xdoc, "16"), (std::vector<Xapian::termpos>{f[0] + 1}));
  EXPECT_TRUE(has_term(xdoc, "Zf16"));
}

TEST_F(IndexBuildDocument, AuthorSourceDateAndPath) {
  EXPECT_EQ(positions(xdoc, "Ajane"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions(xdoc, "Adoe"), (std::vector<Xapian::termpos>{2}));
  EXPECT_FALSE(has_term(xdoc, "jane"));  // author words are only searchable as author:
  EXPECT_TRUE(has_term(xdoc, "XSOURCE:the paper"));
  EXPECT_EQ(xdoc.get_value(scheme::kSourceSlot), "The  Paper");
  EXPECT_EQ(xdoc.get_value(scheme::kDateSlot), "2024-05-30");
  EXPECT_EQ(xdoc.get_value(scheme::kMonthSlot), "2024-05");
  EXPECT_TRUE(has_term(xdoc, "XMONTH:2024-05"));
  EXPECT_TRUE(has_term(xdoc, "XPATH:in/doc-1.txt"));
  EXPECT_TRUE(has_term(xdoc, "XPATH:https://example.com/doc-1"));
  EXPECT_TRUE(has_term(xdoc, "Qdoc-1"));
  EXPECT_EQ(xdoc.get_value(scheme::kHashSlot), "HASH");
  // Boolean terms carry no positions and no wdf.
  EXPECT_TRUE(positions(xdoc, "Qdoc-1").empty());
}

TEST_F(IndexBuildDocument, DataIsJsonWithTheTextAsIndexed) {
  const auto data = nlohmann::json::parse(xdoc.get_data());
  EXPECT_EQ(data.at("id"), "doc-1");
  EXPECT_EQ(data.at("title"), "Strikes hit");
  EXPECT_EQ(data.at("text"), "Alpha strikes again.\nBeta F-16 in 2024.");
  EXPECT_EQ(data.at("source"), "The  Paper");
  EXPECT_EQ(data.at("url"), "https://example.com/doc-1");
  EXPECT_EQ(data.at("path"), "in/doc-1.txt");
  EXPECT_EQ(data.at("author"), "Jane Doe");
  EXPECT_EQ(data.at("date"), "2024-05-30");
  // Each paragraph's first body position (title 1-2, then the gaps).
  const std::uint32_t gap = analyzer.options().paragraph_gap;
  EXPECT_EQ(data.at(kDataParagraphStarts), encode_paragraph_starts({3 + gap, 6 + 2 * gap}));
  EXPECT_EQ(data.size(), 9u);
}

TEST_F(IndexBuildDocument, SpellingWordsAreLettersOnly) {
  EXPECT_EQ(spellings.at("strikes"), 2u);
  EXPECT_EQ(spellings.at("alpha"), 1u);
  EXPECT_FALSE(spellings.contains("2024"));
  EXPECT_FALSE(spellings.contains("16"));
  EXPECT_FALSE(spellings.contains("f16"));
  EXPECT_FALSE(spellings.contains("jane"));  // author names are not offered

  SpellingCounts again;
  const nlohmann::json data = nlohmann::json::parse(xdoc.get_data());
  spelling_words(data.at("title").get<std::string>(), data.at("text").get<std::string>(), analyzer,
                 again);
  EXPECT_EQ(again, spellings);
}

}  // namespace
}  // namespace sift::index
