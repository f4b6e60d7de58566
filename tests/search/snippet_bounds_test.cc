// SPDX-License-Identifier: GPL-2.0-or-later
// Differential test of the snippets guided by the index (body_bounds.h):
// for every document and many highlight term sets, the snippet made from
// the paragraphs the position lists point at equals, byte for byte (text,
// marks, ellipses), the snippet made by analyzing the whole body.  On the
// corpus/ index as IndexWriter builds it, and on a few hundred generated
// documents full of what makes analysis subtle: hyphen chains, dotted
// acronyms, accents, curly apostrophes, empty paragraphs, repeated words,
// bodies past the 64 KiB a snippet looks at.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "corpus_index.h"
#include "index/document_builder.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/stem_map.h"
#include "search/snippet/body_bounds.h"
#include "search/snippet/snippet.h"
#include "search/snippet/snippet_maker.h"
#include "search/stored/stem_forms.h"
#include "search/stored/stored_document.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::search {
namespace {

using sift::testing::TempDir;

// Words and fragments the generated documents are made of.
const char* const kWords[] = {
    "NATO",     "Ukraine", "weapons",     "Russia",    "Russian",    "strike", "striking", "allies",
    "allied",   "lift",    "lifted",      "U.S.",      "U.S",        "Zürich", "Zurich",   "Kyiv’s",
    "Kyiv",     "Kiev",    "run",         "runs",      "running",    "the",    "of",       "and",
    "a",        "policy",  "policies",    "Secretary", "General",    "e-mail", "email",    "F-16",
    "190–mile", "mile",    "Stoltenberg", "défense",   "defence",    "café",   "CAFÉ",     "naïve",
    "co-op",    "coop",    "state-run",   "—",         "x-ray",      "rays",   "Biden",    "Macron",
    "U.N.",     "un",      "jets",        "jet",       "run-s",      "s",      "missiles", "Crimea",
    "ﬁnance",   "finance", "２０２４",    "2024",      "Ｆ－１６",   "light",  "green",    "don't",
    "it’s",     "it's",    "@handle",     "handle",    "rock‐solid", "solid",
};

std::string random_paragraph(std::mt19937& rng, std::size_t words) {
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  std::uniform_int_distribution<int> punct(0, 9);
  std::string p;
  for (std::size_t i = 0; i < words; ++i) {
    if (!p.empty()) p += ' ';
    p += kWords[pick(rng)];
    const int r = punct(rng);
    if (r == 0) p += ',';
    if (r == 1) p += '.';
    if (r == 2) p += " -";
  }
  return p;
}

Document random_document(std::mt19937& rng, int n) {
  Document doc;
  doc.id = "gen" + std::to_string(n);
  std::uniform_int_distribution<std::size_t> title_words(0, 6), paragraphs(0, 10), words(0, 60),
      kind(0, 19);
  doc.title = random_paragraph(rng, title_words(rng));
  const std::size_t count = n % 100 == 7 ? 400 : paragraphs(rng);  // some past 64 KiB
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t k = kind(rng);
    if (k == 0) {
      doc.paragraphs.emplace_back();  // an empty paragraph
    } else if (k == 1) {
      doc.paragraphs.push_back("  ... — ,, ");  // no word at all
    } else if (k == 2) {
      doc.paragraphs.push_back(random_paragraph(rng, 400));  // long: many windows
    } else {
      doc.paragraphs.push_back(random_paragraph(rng, words(rng)));
    }
  }
  return doc;
}

/// Highlight terms as the parser gives them: stems of plain words, exact
/// forms of phrase words, or both, for 1-4 words.
HighlightTerms random_terms(std::mt19937& rng, analysis::Analyzer& analyzer) {
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1), count(1, 4), how(0, 2);
  HighlightTerms terms;
  const std::size_t n = count(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t mode = how(rng);
    for (const auto& token : analyzer.tokens(kWords[pick(rng)])) {
      if (mode != 1) terms.stems.insert(analyzer.stem(token.text));
      if (mode != 0) terms.exact.insert(token.text);
    }
  }
  return terms;
}

/// Compares, for `rounds` random term sets, the guided snippet of every
/// document of `db` with the one from the whole body; returns how many
/// snippets had bounds (the guided path really ran).
std::size_t expect_same_snippets(const Xapian::Database& db, analysis::Analyzer& analyzer,
                                 std::mt19937& rng, int rounds, std::size_t chars) {
  std::size_t guided = 0;
  for (int round = 0; round < rounds; ++round) {
    const HighlightTerms terms = random_terms(rng, analyzer);
    StemForms forms({db});
    const SnippetMaker maker(analyzer, terms, &db, &forms);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const StoredDocument doc = read_stored_document(db.get_document(*it), true, "test index");
      const std::string whole = make_snippet(analyzer, terms, doc.title, doc.text, chars);
      const std::string fast = maker.make(*it, doc, chars);
      EXPECT_EQ(fast, whole) << "document " << doc.id << ", round " << round;
      if (fast != whole) return guided;  // one failure tells enough
      if (!doc.paragraph_starts.empty()) ++guided;
    }
  }
  return guided;
}

TEST(SnippetBounds, GeneratedDocumentsGetTheSnippetsOfTheWholeBody) {
  TempDir dir;
  analysis::Analyzer analyzer;
  std::mt19937 rng(20261126);
  {
    Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_CREATE_OR_OPEN);
    format::StemMapBatch stems;
    for (int n = 0; n < 300; ++n) {
      const Document doc = random_document(rng, n);
      db.add_document(index::build_document(doc, "hash", analyzer, stems));
    }
    stems.write_to(db);
    db.commit();
  }
  const Xapian::Database db((dir / "index").string());
  EXPECT_EQ(expect_same_snippets(db, analyzer, rng, 20, 240), 300u * 20u);
  // Short windows: more runs per paragraph, more ties between them.
  EXPECT_EQ(expect_same_snippets(db, analyzer, rng, 8, 30), 300u * 8u);
}

TEST(SnippetBounds, CorpusArticlesGetTheSnippetsOfTheWholeBody) {
  TempDir dir;
  sift::testing::build_corpus_index(dir / "index");
  const Xapian::Database db((dir / "index").string());
  analysis::Analyzer analyzer;
  std::mt19937 rng(42);
  // Words of the articles themselves, so most term sets match.
  std::vector<std::string> words;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const StoredDocument doc = read_stored_document(db.get_document(*it), true, "test index");
    for (const auto& token : analyzer.tokens(doc.text)) words.push_back(token.text);
  }
  ASSERT_GT(words.size(), 1000u);
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1), count(1, 4), how(0, 2);
  std::size_t compared = 0;
  for (int round = 0; round < 150; ++round) {
    HighlightTerms terms;
    const std::size_t n = count(rng);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& w = words[pick(rng)];
      const std::size_t mode = how(rng);
      if (mode != 1) terms.stems.insert(analyzer.stem(w));
      if (mode != 0) terms.exact.insert(w);
    }
    StemForms forms({db});
    const SnippetMaker maker(analyzer, terms, &db, &forms);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const StoredDocument doc = read_stored_document(db.get_document(*it), true, "test index");
      ASSERT_FALSE(doc.paragraph_starts.empty()) << doc.id;
      for (std::size_t chars : {240u, 60u}) {
        ASSERT_EQ(maker.make(*it, doc, chars),
                  make_snippet(analyzer, terms, doc.title, doc.text, chars))
            << "document " << doc.id << ", round " << round;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 150u * 5u * 2u);
}

TEST(SnippetBounds, BoundsCountDistinctTermsAndPositionsPerParagraph) {
  TempDir dir;
  analysis::Analyzer analyzer;
  Document doc;
  doc.id = "d";
  doc.title = "Weapons policy";
  doc.paragraphs = {"No match here.", "", "Weapons and more weapons, and a policy.",
                    "Secretary-General weapons"};
  {
    Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_CREATE_OR_OPEN);
    format::StemMapBatch stems;
    db.add_document(index::build_document(doc, "h", analyzer, stems));
    stems.write_to(db);
    db.commit();
  }
  const Xapian::Database db((dir / "index").string());
  const StoredDocument stored = read_stored_document(db.get_document(1), true, "test index");
  // Title 1-2, body from 3 + gap; the empty paragraph has no word.
  const std::uint32_t gap = analyzer.options().paragraph_gap;
  const std::uint32_t first = 3 + gap;
  EXPECT_EQ(stored.paragraph_starts,
            (std::vector<std::uint32_t>{first, 0, first + 3 + gap, first + 10 + 2 * gap}));
  // "weapon" stands for its stem's forms, as SnippetMaker lists them.
  const std::vector<std::pair<std::string, std::size_t>> terms = {
      {"weapons", 0}, {"weapons", 0}, {"policy", 1}, {"secretarygeneral", 2}};
  const auto bounds = body_bounds(db, 1, terms, 3, stored.text, stored.paragraph_starts);
  ASSERT_TRUE(bounds.has_value());
  ASSERT_EQ(bounds->size(), 4u);
  EXPECT_EQ((*bounds)[0].distinct, 0u);  // the title's matches are not the body's
  EXPECT_EQ((*bounds)[1].distinct, 0u);
  EXPECT_EQ((*bounds)[2].distinct, 2u);
  EXPECT_EQ((*bounds)[2].positions, 3u);  // weapons x2, policy
  EXPECT_EQ((*bounds)[2].first_position, first + 3 + gap);
  EXPECT_EQ((*bounds)[2].matched,
            (std::vector<std::uint32_t>{first + 3 + gap, first + 6 + gap, first + 9 + gap}));
  EXPECT_EQ((*bounds)[3].distinct, 2u);
  EXPECT_EQ((*bounds)[3].positions, 2u);  // the joined word at its first part's position

  // Starts that do not fit the text (another line count): no bounds.
  EXPECT_FALSE(body_bounds(db, 1, terms, 3, stored.text + "\nmore", stored.paragraph_starts));
  EXPECT_FALSE(body_bounds(db, 1, terms, 3, stored.text, {}));
}

/// An index at dir/index holding one document "d" with these paragraphs.
Xapian::Database index_one(const TempDir& dir, analysis::Analyzer& analyzer,
                           std::vector<std::string> paragraphs) {
  Document doc;
  doc.id = "d";
  doc.paragraphs = std::move(paragraphs);
  {
    Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_CREATE_OR_OPEN);
    format::StemMapBatch stems;
    db.add_document(index::build_document(doc, "h", analyzer, stems));
    stems.write_to(db);
    db.commit();
  }
  return Xapian::Database((dir / "index").string());
}

/// The snippet `maker` makes for document 1 of `db`.
std::string guided_snippet(const Xapian::Database& db, analysis::Analyzer& analyzer,
                           const HighlightTerms& terms) {
  const StoredDocument doc = read_stored_document(db.get_document(1), true, "test index");
  StemForms forms({db});
  return SnippetMaker(analyzer, terms, &db, &forms).make(1, doc, 240);
}

TEST(SnippetBounds, AHyphenatedWordCountsTwiceAtOnePosition) {
  // "run-s" is "runs" (stem run) and "run" at one position: one matching
  // position, two matches, so the second line beats the first although
  // both have one position that matches.
  TempDir dir;
  analysis::Analyzer analyzer;
  const Xapian::Database db = index_one(dir, analyzer, {"They run daily.", "A run-s test."});
  HighlightTerms terms;
  terms.stems.insert(analyzer.stem("run"));
  EXPECT_EQ(guided_snippet(db, analyzer, terms), "A <mark>run-s</mark> test.");
}

TEST(SnippetBounds, TheEarliestOfEquallyGoodParagraphsWins) {
  // The best bound is the last line's, but it only ties the first line's
  // passage once analyzed: the first line wins.
  TempDir dir;
  analysis::Analyzer analyzer;
  const Xapian::Database db = index_one(dir, analyzer,
                                        {"weapons and policy", "nothing here",
                                         "weapons " + std::string(300, 'x') + " weapons policy"});
  HighlightTerms terms;
  terms.stems = {analyzer.stem("weapons"), analyzer.stem("policy")};
  EXPECT_EQ(guided_snippet(db, analyzer, terms), "<mark>weapons</mark> and <mark>policy</mark>");
}

TEST(SnippetBounds, ALineWhoseFirstWordIsTooLongToIndexStillMatches) {
  // The index numbers the line from its first indexed word, the second
  // one: the snippet must not trust its own numbering of the line.
  TempDir dir;
  analysis::Analyzer analyzer;
  const Xapian::Database db =
      index_one(dir, analyzer, {"intro words", std::string(300, 'z') + " then weapons and policy"});
  HighlightTerms terms;
  terms.stems = {analyzer.stem("weapons"), analyzer.stem("policy")};
  const std::string snippet = guided_snippet(db, analyzer, terms);
  EXPECT_NE(snippet.find("<mark>weapons</mark> and <mark>policy</mark>"), std::string::npos)
      << snippet;
}

TEST(SnippetBounds, AWildcardsManyTermsGetTheSnippetOfTheWholeBody) {
  TempDir dir;
  analysis::Analyzer analyzer;
  const Xapian::Database db =
      index_one(dir, analyzer, {"policies of the day", "the policy and its policymakers"});
  HighlightTerms terms;  // "polic*" over a large vocabulary
  for (int i = 0; i < 100; ++i) terms.exact.insert("polic" + std::to_string(i));
  terms.exact.insert("policy");
  terms.exact.insert("policymakers");
  const StoredDocument stored = read_stored_document(db.get_document(1), true, "test index");
  EXPECT_EQ(guided_snippet(db, analyzer, terms),
            make_snippet(analyzer, terms, stored.title, stored.text, 240));
  EXPECT_EQ(guided_snippet(db, analyzer, terms),
            "the <mark>policy</mark> and its <mark>policymakers</mark>");
}

TEST(SnippetBounds, DocumentsWithoutParagraphStartsAreAnalyzedWhole) {
  // A body whose starts are missing: analyzed whole, same snippet.
  TempDir dir;
  analysis::Analyzer analyzer;
  Document doc;
  doc.id = "old";
  doc.paragraphs = {"nothing", "the allies lift restrictions"};
  {
    Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_CREATE_OR_OPEN);
    format::StemMapBatch stems;
    Xapian::Document xdoc = index::build_document(doc, "h", analyzer, stems);
    xdoc.add_value(format::kBodySlot,
                   format::encode_body("nothing\nthe allies lift restrictions", {}));
    db.add_document(xdoc);
    stems.write_to(db);
    db.commit();
  }
  const Xapian::Database db((dir / "index").string());
  const StoredDocument stored = read_stored_document(db.get_document(1), true, "test index");
  EXPECT_TRUE(stored.paragraph_starts.empty());
  HighlightTerms terms;
  terms.stems.insert(analyzer.stem("lift"));
  StemForms forms({db});
  EXPECT_EQ(SnippetMaker(analyzer, terms, &db, &forms).make(1, stored, 240),
            "the allies <mark>lift</mark> restrictions");
  // Without a database (remote shards) too.
  EXPECT_EQ(SnippetMaker(analyzer, terms, nullptr, nullptr).make(1, stored, 240),
            "the allies <mark>lift</mark> restrictions");
}

}  // namespace
}  // namespace sift::search
