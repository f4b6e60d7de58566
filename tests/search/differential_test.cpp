// SPDX-License-Identifier: GPL-2.0-or-later
// Differential test: Sift's ranking equals a plain Xapian::Enquire run on
// the Xapian::Query Sift's parser built for the same string, on the corpus
// index: same ids, same order, same scores.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "corpus_index.h"
#include "search/open_index.h"
#include "search/query_parser.h"
#include "search/stored_document.h"
#include "sift/searcher.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::testing {
namespace {

const char* const kQueries[] = {
    "Stoltenberg",
    "NATO",
    "Ukraine weapons",
    "striking Russia",
    "\"the time has come\"",
    "Kiev",
    "Kyiv OR Biden",
    "defence",
    "Stoltenberg NOT Blinken",
    "\"Secretary of State\" NEAR Blinken",
    "Seth NEAR Jones",
    "escalat*",
    "title:NATO",
    "title:debate Russia",
    "U.S. policy",
    "190-mile",
    "F-16 jets",
    "Secretary-General",
    "missiles (Crimea OR Belgorod)",
    "Macron Germany",
    "\xD0\xA5\xD0\x92",
    "green light",
    "weapons -Olympics",
    "allies restrictions lift",
};

class Differential : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    build_corpus_index(dir_->path() / "index");
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> Differential::dir_;

TEST_F(Differential, SiftRanksExactlyAsPlainXapian) {
  const auto path = dir_->path() / "index";
  Searcher searcher(path);
  Xapian::Database db(path.string());
  analysis::Analyzer analyzer(search::stored_analyzer_options(db, path));
  search::QueryParser parser(analyzer, db);

  static_assert(std::size(kQueries) >= 20);
  // The reference is Xapian's default BM25 over the all-words query:
  // Sift with those parameters and graded matching off must rank alike.
  SearchOptions options;
  options.graded = false;
  options.ranking.k1 = 1.0;
  options.ranking.b = 0.5;
  options.ranking.length_floor = 0.5;
  std::size_t with_hits = 0;
  for (const char* q : kQueries) {
    SCOPED_TRACE(q);
    const Results sift = searcher.search(q, options);

    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse(q).query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);

    ASSERT_EQ(sift.hits.size(), mset.size());
    std::size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      const auto doc = search::read_stored_document(it.get_document(), false, "corpus index");
      EXPECT_EQ(sift.hits[i].id, doc.id) << "rank " << i + 1;
      EXPECT_DOUBLE_EQ(sift.hits[i].score, it.get_weight()) << "rank " << i + 1;
      EXPECT_EQ(sift.hits[i].rank, i + 1);
    }
    EXPECT_EQ(sift.explanation.xapian, parser.parse(q).query.get_description());
    with_hits += mset.empty() ? 0 : 1;
  }
  // The comparison means something only if most queries find documents.
  EXPECT_GE(with_hits, 20u);
}

}  // namespace
}  // namespace sift::testing
