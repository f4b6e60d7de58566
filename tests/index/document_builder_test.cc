// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/document_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index_helpers.h"
#include "support/lang_field.h"

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
  EXPECT_EQ(validate(doc), "document 'x1': field date: invalid month 13 in '2024-13-01'");
  // The calendar is checked, as ingest and the filters check it.
  doc.date = "2023-02-29";
  EXPECT_EQ(validate(doc), "document 'x1': field date: 2023-02 has no day 29");
  doc.date = "2024-05";
  EXPECT_EQ(validate(doc), "document 'x1': field date: '2024-05' is not a date YYYY-MM-DD");
  doc.date = "2024-05-30";
  EXPECT_EQ(validate(doc), "");
  doc.tags = {"ok", ""};
  EXPECT_EQ(validate(doc), "document 'x1': field tags: a value is empty");
  doc.tags = {"a,b"};
  EXPECT_EQ(validate(doc), "document 'x1': field tags: 'a,b' holds a comma");
  doc.tags = {"climate"};
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
  Document tagged = doc;
  tagged.tags = {"a"};
  EXPECT_NE(content_hash(tagged, options), base);
  AnalyzerOptions french;
  french.language = "french";
  EXPECT_NE(content_hash(doc, french), base);
  Document derived = doc;  // The same title, now made from the body.
  derived.title_derived = true;
  EXPECT_NE(content_hash(derived, options), base);
}

// The hash is what decides that an unchanged document is skipped: the same
// document must hash to the same value in every build of a format (4
// here; the format number is hashed, as a new format is a rebuild anyway),
// or every index would be re-indexed whole by an upgrade.  The document is
// spelled out here, not shared with the fixtures below, so that editing a
// fixture cannot move a pinned value.
TEST(IndexContentHash, IsTheSameInEveryBuildOfTheFormat) {
  Document doc;
  doc.id = "doc-1";
  doc.title = "Strikes hit";
  doc.paragraphs = {"Alpha strikes again.", "Beta F-16 in 2024."};
  doc.author = "Jane Doe";
  doc.source = "The Paper";
  doc.date = "2024-05-30";
  doc.path = "in/doc-1.txt";
  doc.url = "https://example.com/doc-1";
  doc.tags = {"Climate", "Énergie"};
  EXPECT_EQ(content_hash(doc, AnalyzerOptions{}), "c2bda9efd5319e0f38030d52faf28c5f");
  EXPECT_EQ(content_hash(Document{.id = "x"}, AnalyzerOptions{}),
            "dce2606b34867d41682686ff92261b0e");
}

using testing::registry_with_lang;

TEST(IndexKeywordFields, ANewFieldIsCheckedByItsRow) {
  const std::vector<format::FieldSpec> fields = registry_with_lang();
  Document doc = testing::make_doc("x1", {"text"});
  doc.keywords["lang"] = {"en"};
  EXPECT_EQ(validate(doc, fields), "");
  EXPECT_EQ(validate(doc), "document 'x1': keywords: 'lang' is not a keyword field of the index");
  doc.keywords["lang"] = {"en", "fr"};
  EXPECT_EQ(validate(doc, fields), "document 'x1': field lang: 2 values; it takes one");
  doc.keywords["lang"] = {""};
  EXPECT_EQ(validate(doc, fields), "document 'x1': field lang: a value is empty");
  doc.keywords["lang"] = {"e\xff"};
  EXPECT_EQ(validate(doc, fields), "document 'x1': field lang: invalid UTF-8 at byte 1");
  // A field with a Document member is not also a keywords entry.
  doc.keywords = {{"source", {"BBC"}}};
  EXPECT_EQ(validate(doc, fields),
            "document 'x1': keywords: 'source' is not a keyword field of the index");
}

TEST(IndexKeywordFields, ANewFieldChangesOnlyTheHashOfDocumentsThatHaveIt) {
  const std::vector<format::FieldSpec> fields = registry_with_lang();
  const AnalyzerOptions options;
  Document doc = testing::make_doc("x", {"a b"});
  const std::string before = content_hash(doc, options);
  EXPECT_EQ(content_hash(doc, options, fields), before);
  doc.keywords["lang"] = {};
  EXPECT_EQ(content_hash(doc, options, fields), before);
  doc.keywords["lang"] = {"en"};
  const std::string english = content_hash(doc, options, fields);
  EXPECT_NE(english, before);
  doc.keywords["lang"] = {"fr"};
  EXPECT_NE(content_hash(doc, options, fields), english);
}

TEST(IndexKeywordFields, ANewFieldGetsItsTermAndValue) {
  analysis::Analyzer analyzer;
  format::StemMapBatch stems;
  Document doc = testing::make_doc("x", {"text"});
  doc.keywords["lang"] = {"EN"};
  const Xapian::Document xdoc = build_document(doc, "HASH", analyzer, stems, registry_with_lang());
  EXPECT_TRUE(has_term(xdoc, "XLANG:en"));
  EXPECT_EQ(xdoc.get_value(7), "EN");
  // Without the row there is no such term.
  doc.keywords.clear();
  EXPECT_FALSE(has_term(build_document(doc, "HASH", analyzer, stems), "XLANG:en"));
}

// A stored field's values, as given, are kept in the summary under its
// name; a field that is not stored leaves the summary as it was.
TEST(IndexKeywordFields, AStoredFieldIsKeptInTheSummary) {
  analysis::Analyzer analyzer;
  format::StemMapBatch stems;
  Document doc = testing::make_doc("x", {"text"});
  const std::string without = build_document(doc, "HASH", analyzer, stems).get_data();
  doc.keywords["lang"] = {"EN"};
  const auto stored = format::decode_summary(
      build_document(doc, "HASH", analyzer, stems, registry_with_lang(true)).get_data());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->keywords, (std::map<std::string, std::vector<std::string>>{{"lang", {"EN"}}}));
  EXPECT_EQ(stored->id, "x");
  EXPECT_EQ(build_document(doc, "HASH", analyzer, stems, registry_with_lang(false)).get_data(),
            without);
  // A stored field without values adds nothing either.
  doc.keywords.clear();
  EXPECT_EQ(build_document(doc, "HASH", analyzer, stems, registry_with_lang(true)).get_data(),
            without);
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
    doc.tags = {"Climate", "Énergie"};
    xdoc = build_document(doc, "HASH", analyzer, stems);
    Xapian::WritableDatabase db((dir.path() / "stems").string(), Xapian::DB_CREATE);
    stems.write_to(db);
    for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it) {
      stem_map[*it] = format::decode_stem_list(db.get_metadata(*it));
    }
  }
  testing::TempDir dir;
  analysis::Analyzer analyzer;
  Document doc;
  format::StemMapBatch stems;
  std::map<std::string, std::vector<std::string>> stem_map;  // metadata key -> forms
  Xapian::Document xdoc;
};

Xapian::termcount wdf(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

TEST_F(IndexBuildDocument, TitleWordsFromPositionOneInFourForms) {
  EXPECT_EQ(positions(xdoc, "Sstrikes"), (std::vector<Xapian::termpos>{1}));
  EXPECT_EQ(positions(xdoc, "Shit"), (std::vector<Xapian::termpos>{2}));
  EXPECT_FALSE(has_term(xdoc, "Salpha"));
  const auto exact = positions(xdoc, "strikes");
  ASSERT_EQ(exact.size(), 2u);  // title and body
  EXPECT_EQ(exact[0], 1u);
  // Stems are there, counted like the exact forms, but without positions.
  EXPECT_TRUE(has_term(xdoc, "ZSstrike"));
  EXPECT_TRUE(positions(xdoc, "ZSstrike").empty());
  EXPECT_EQ(wdf(xdoc, "ZSstrike"), 1u);
  EXPECT_TRUE(positions(xdoc, "Zstrike").empty());
  EXPECT_EQ(wdf(xdoc, "Zstrike"), 2u);
  EXPECT_EQ(wdf(xdoc, "Zstrike"), wdf(xdoc, "strikes"));
}

// Every term of the fixture with its wdf and positions: the on-disk layout
// of one document's words, title and author fields, pinned (a change here
// is a format change: docs/FORMAT.md).
TEST_F(IndexBuildDocument, TermListIsPinned) {
  std::string terms;
  for (auto t = xdoc.termlist_begin(); t != xdoc.termlist_end(); ++t) {
    terms += *t + " " + std::to_string(t.get_wdf());
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      terms += " " + std::to_string(*p);
    }
    terms += "\n";
  }
  // term, wdf, positions (paragraph gap 100: the body starts at 103).
  EXPECT_EQ(terms,
            "16 1 208\n"
            "2024 1 210\n"
            "Adoe 1 2\n"
            "Ajane 1 1\n"
            "Qdoc-1 0\n"
            "Shit 1 2\n"
            "Sstrikes 1 1\n"
            "XAUTHOR:jane doe 0\n"
            "XMONTH:2024-05 0\n"
            "XPATH:https://example.com/doc-1 0\n"
            "XPATH:in/doc-1.txt 0\n"
            "XSOURCE:the paper 0\n"
            "XTAG:climate 0\n"
            "XTAG:energie 0\n"
            "Z16 1\n"
            "Z2024 1\n"
            "ZShit 1\n"
            "ZSstrike 1\n"
            "Zagain 1\n"
            "Zalpha 1\n"
            "Zbeta 1\n"
            "Zf 1\n"
            "Zf16 1\n"
            "Zhit 1\n"
            "Zin 1\n"
            "Zstrike 2\n"
            "again 1 105\n"
            "alpha 1 103\n"
            "beta 1 206\n"
            "f 1 207\n"
            "f16 1 207\n"
            "hit 1 2\n"
            "in 1 209\n"
            "strikes 2 1 104\n");
}

TEST_F(IndexBuildDocument, EveryExactFormIsInTheStemMapUnderItsStem) {
  EXPECT_EQ(stem_map.at("sift:stems:strike"), std::vector<std::string>{"strikes"});
  EXPECT_EQ(stem_map.at("sift:stems:hit"), std::vector<std::string>{"hit"});
  EXPECT_EQ(stem_map.at("sift:stems:f16"), std::vector<std::string>{"f16"});
  EXPECT_EQ(stem_map.at("sift:stems:again"), std::vector<std::string>{"again"});
  // Author words are searched only as author: terms, exact.
  EXPECT_FALSE(stem_map.contains("sift:stems:jane"));
  // Every positional exact form of the document is listed under its stem.
  std::size_t listed = 0;
  for (auto t = xdoc.termlist_begin(); t != xdoc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    const std::string key = "sift:stems:" + analyzer.stem(term);
    ASSERT_TRUE(stem_map.contains(key)) << term;
    EXPECT_NE(std::find(stem_map[key].begin(), stem_map[key].end(), term), stem_map[key].end());
    ++listed;
  }
  EXPECT_EQ(listed, 10u);  // strikes hit alpha again beta f16 f 16 in 2024
}

TEST_F(IndexBuildDocument, BodyStartsAParagraphGapAfterTheTitleAndParagraphsAreApart) {
  const Xapian::termpos gap = analyzer.options().paragraph_gap;
  const auto alpha = positions(xdoc, "alpha");
  const auto beta = positions(xdoc, "beta");
  ASSERT_EQ(alpha.size(), 1u);
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_EQ(alpha[0], 3 + gap);  // title used positions 1 and 2
  EXPECT_GE(beta[0], alpha[0] + gap);
  EXPECT_TRUE(has_term(xdoc, "Zalpha"));
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
  EXPECT_EQ(xdoc.get_value(format::kSourceSlot), "The  Paper");
  EXPECT_EQ(xdoc.get_value(format::kDateSlot), "2024-05-30");
  EXPECT_EQ(xdoc.get_value(format::kMonthSlot), "2024-05");
  EXPECT_TRUE(has_term(xdoc, "XMONTH:2024-05"));
  EXPECT_TRUE(has_term(xdoc, "XPATH:in/doc-1.txt"));
  EXPECT_TRUE(has_term(xdoc, "XPATH:https://example.com/doc-1"));
  EXPECT_TRUE(has_term(xdoc, "Qdoc-1"));
  EXPECT_EQ(xdoc.get_value(format::kHashSlot), "HASH");
  // Boolean terms carry no positions and no wdf.
  EXPECT_TRUE(positions(xdoc, "Qdoc-1").empty());
}

TEST_F(IndexBuildDocument, KeywordFieldsAreTermsAndFacetValues) {
  // Author: the whole field as one keyword, besides its words.
  EXPECT_TRUE(has_term(xdoc, "XAUTHOR:jane doe"));
  EXPECT_EQ(xdoc.get_value(format::kAuthorSlot), "Jane Doe");
  // Tags: one normalized term each; the slot lists them as given.
  EXPECT_TRUE(has_term(xdoc, "XTAG:climate"));
  EXPECT_TRUE(has_term(xdoc, "XTAG:energie"));
  EXPECT_EQ(format::decode_values(xdoc.get_value(format::kTagsSlot)),
            (std::vector<std::string>{"Climate", "Énergie"}));
}

TEST_F(IndexBuildDocument, SummaryInTheDataAndBodyInItsSlot) {
  const auto summary = format::decode_summary(xdoc.get_data());
  ASSERT_TRUE(summary);
  EXPECT_EQ(*summary, (format::Summary{"doc-1",
                                       "Strikes hit",
                                       "The  Paper",
                                       "https://example.com/doc-1",
                                       "in/doc-1.txt",
                                       "Jane Doe",
                                       "2024-05-30",
                                       {"Climate", "Énergie"}}));
  const auto body = format::decode_body(xdoc.get_value(format::kBodySlot));
  ASSERT_TRUE(body);
  EXPECT_EQ(body->text, "Alpha strikes again.\nBeta F-16 in 2024.");
  // Each paragraph's first body position (title 1-2, then the gaps).
  const std::uint32_t gap = analyzer.options().paragraph_gap;
  EXPECT_EQ(body->paragraph_starts, (std::vector<std::uint32_t>{3 + gap, 6 + 2 * gap}));
  // The data holds the summary only: the body is not in it.
  EXPECT_EQ(xdoc.get_data().find("Alpha strikes"), std::string::npos);
}

}  // namespace
}  // namespace sift::index
