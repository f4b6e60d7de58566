// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher::document, complete and status through the public API.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <regex>
#include <string>

#include "corpus_index.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

class SearcherLookup : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    build_corpus_index(dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
};
TempDir* SearcherLookup::dir_ = nullptr;

TEST_F(SearcherLookup, DocumentByIdHasItsStoredFields) {
  Searcher s(dir_->path());
  const auto doc = s.document(corpus_id("003"));
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->id, corpus_id("003"));
  EXPECT_EQ(doc->title, "NATO Debate Intensifies: Allowing Ukraine to Attack Russia from Within");
  EXPECT_EQ(doc->source, "corpus");
  ASSERT_FALSE(doc->paragraphs.empty());
  // The repeated headline was indexed once (as the title), not in the body.
  for (const auto& p : doc->paragraphs) EXPECT_NE(p, doc->title);
  EXPECT_NE(doc->path.find("003_10ab41207cfcd9b5.txt"), std::string::npos);
}

TEST_F(SearcherLookup, UnknownDocumentIsNullopt) {
  Searcher s(dir_->path());
  EXPECT_FALSE(s.document("no-such-id").has_value());
  EXPECT_FALSE(s.document("").has_value());
}

TEST_F(SearcherLookup, CompletionsAreIndexedWordsMostFrequentFirst) {
  Searcher s(dir_->path());
  const auto words = s.complete("Ukr", 5);
  ASSERT_FALSE(words.empty());
  // "ukraine" is in every article; no other ukr- word is in more.
  EXPECT_EQ(words[0].word, "ukraine");
  EXPECT_EQ(words[0].documents, 5u);
  for (std::size_t i = 1; i < words.size(); ++i) {
    EXPECT_EQ(words[i].word.rfind("ukr", 0), 0u) << words[i].word;
    EXPECT_LE(words[i].documents, words[i - 1].documents);
  }
}

TEST_F(SearcherLookup, CompletionsFoldCaseAndAccentsAndTakeTheLastWord) {
  Searcher s(dir_->path());
  const auto a = s.complete("STOLT");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].word, "stoltenberg");
  const auto b = s.complete("jens Stöl");  // ö folds to o; the last word is completed
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(b[0].word, "stoltenberg");
}

TEST_F(SearcherLookup, CompletionsOfNothingAreEmpty) {
  Searcher s(dir_->path());
  EXPECT_TRUE(s.complete("").empty());
  EXPECT_TRUE(s.complete("  ,,  ").empty());
  EXPECT_TRUE(s.complete("zzzzq").empty());
  EXPECT_TRUE(s.complete("ukr", 0).empty());
}

TEST_F(SearcherLookup, StatusReportsDocumentsRevisionAndLastCommit) {
  TempDir dir;
  {
    IndexWriter w(dir.path());
    w.add({.id = "a", .title = "Alpha", .paragraphs = {"first words"}});
    w.commit();
  }
  Searcher s(dir.path());
  const IndexStatus first = s.status();
  EXPECT_EQ(first.documents, 1u);
  ASSERT_TRUE(first.last_commit.has_value());
  EXPECT_TRUE(
      std::regex_match(*first.last_commit, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << *first.last_commit;
  {
    IndexWriter w(dir.path());
    w.add({.id = "b", .title = "Beta", .paragraphs = {"second words"}});
    w.commit();
  }
  // The same Searcher sees the new commit without being reopened by hand.
  const IndexStatus second = s.status();
  EXPECT_EQ(second.documents, 2u);
  EXPECT_GT(second.revision, first.revision);
  ASSERT_TRUE(s.document("b").has_value());
}

TEST_F(SearcherLookup, AnEmptyCommitChangesNothing) {
  TempDir dir;
  {
    IndexWriter w(dir.path());
    w.add({.id = "a", .title = "Alpha", .paragraphs = {"words"}});
  }
  Searcher s(dir.path());
  const auto before = s.status();
  {
    IndexWriter w(dir.path());
    EXPECT_EQ(w.add({.id = "a", .title = "Alpha", .paragraphs = {"words"}}), AddOutcome::Unchanged);
    w.commit();
  }
  const auto after = s.status();
  EXPECT_EQ(after.last_commit, before.last_commit);
  EXPECT_EQ(after.documents, 1u);
}

}  // namespace
}  // namespace sift::testing

namespace sift::testing {
namespace {

// Facets look at no more than max_facet_matches matches and say so.
TEST(SearcherFacets, CountsAreBoundedAndSayWhenPartial) {
  TempDir dir;
  {
    IndexWriter w(dir.path());
    for (int i = 0; i < 30; ++i) {
      w.add({.id = "d" + std::to_string(i),
             .title = "Doc",
             .paragraphs = {"common words here"},
             .source = i % 2 ? "odd" : "even"});
    }
  }
  Searcher s(dir.path());
  SearchOptions all;
  const Results exact = s.search("common", all);
  EXPECT_EQ(exact.facets.at("source"),
            (std::vector<FacetValue>{{"even", 15}, {"odd", 15}}));  // ties by value
  EXPECT_TRUE(exact.warnings.empty());

  // Bounded: Xapian may stop looking early; when it does, the warning says
  // so, and when it looked at every match the counts are exact.
  SearchOptions bounded;
  bounded.max_facet_matches = 10;
  for (const char* q : {"common", "common OR words", "common words"}) {
    const Results r = s.search(q, bounded);
    std::size_t counted = 0;
    for (const FacetValue& v : r.facets.at("source")) counted += v.count;
    EXPECT_GE(counted, 10u) << q;
    if (r.total_lower < r.total_upper) {
      ASSERT_EQ(r.warnings.size(), 1u) << q;
      EXPECT_EQ(r.warnings[0],
                "facet counts cover the first 10 of about " + std::to_string(r.total) + " matches");
    } else {
      EXPECT_TRUE(r.warnings.empty()) << q;
      EXPECT_EQ(counted, r.total) << q;
    }
  }
}

}  // namespace
}  // namespace sift::testing
