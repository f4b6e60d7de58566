// SPDX-License-Identifier: GPL-2.0-or-later
// A bulk build of a generated corpus of a few thousand documents equals
// the incremental build: with 1 and 2 threads, with a memory bound small
// enough for hundreds of batches, and with many parts.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "bulk_helpers.h"
#include "index/bulk_builder.h"
#include "index/compactor.h"
#include "sift/index_writer.h"
#include "sift/ingest.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr std::size_t kDocuments = 3000;

const std::vector<std::string> kQueries = {
    "market",      "running", "\"city council\"",      "bridge NEAR river", "tax OR budget",
    "title:storm", "café",    "source:Tribune energy", "solar -wind",       "quick* orchestra"};

// The generated corpus and its incremental build, made once.
class BulkEquivalence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    testing::write_generated_corpus(corpus(), kDocuments);
    IndexOptions options;
    options.bulk_build = false;
    const IndexReport report = IndexWriter(reference(), options).index_paths({corpus()});
    ASSERT_EQ(report.added, kDocuments);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path corpus() { return dir_->path() / "news.jsonl"; }
  static fs::path reference() { return dir_->path() / "incremental"; }
  static fs::path fresh(const std::string& name) { return dir_->path() / name; }

  static IndexReport build(const fs::path& path, std::size_t threads, std::size_t memory_mb) {
    IndexOptions options;
    options.bulk_threads = threads;
    options.bulk_memory_mb = memory_mb;
    return IndexWriter(path, options).index_paths({corpus()});
  }

 private:
  static TempDir* dir_;
};

TempDir* BulkEquivalence::dir_ = nullptr;

TEST_F(BulkEquivalence, OneThread) {
  EXPECT_EQ(build(fresh("t1"), 1, 512).added, kDocuments);
  testing::expect_same_index(reference(), fresh("t1"), kQueries);
}

TEST_F(BulkEquivalence, TwoThreads) {
  EXPECT_EQ(build(fresh("t2"), 2, 512).added, kDocuments);
  testing::expect_same_index(reference(), fresh("t2"), kQueries);
}

// Ids in document (docid) order: it ranks equal scores.
std::vector<std::string> ids_in_document_order(const fs::path& path) {
  Xapian::Database db(path.string());
  std::vector<std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    out.push_back(testing::stored_id(db.get_document(*it)));
  }
  return out;
}

TEST_F(BulkEquivalence, TheDocumentOrderDependsOnlyOnTheInputAndThreads) {
  build(fresh("order1"), 1, 512);
  EXPECT_EQ(ids_in_document_order(fresh("order1")), ids_in_document_order(reference()));
  build(fresh("order2a"), 2, 512);
  build(fresh("order2b"), 2, 512);
  EXPECT_EQ(ids_in_document_order(fresh("order2a")), ids_in_document_order(fresh("order2b")));
}

TEST_F(BulkEquivalence, ATinyMemoryBoundMeansManyBatches) {
  // 1 MB over 2 workers: batches of 16 KB of text, a few dozen documents.
  EXPECT_EQ(build(fresh("small"), 2, 1).added, kDocuments);
  testing::expect_same_index(reference(), fresh("small"), kQueries);
}

TEST_F(BulkEquivalence, ManyPartsMergeIntoTheSameIndex) {
  const fs::path parts_dir = fresh("parts");
  const AnalyzerOptions analyzer;
  std::vector<fs::path> parts;
  {
    // 64 KB of text per batch and 256 KB per part.
    index::BulkBuilder builder(parts_dir, "test", analyzer, 2, 2 * 64 * 1024 * 32, 256 * 1024);
    read_path(
        corpus(), [&](Document&& doc) { builder.push(std::move(doc)); },
        [](const Rejection& r) { ADD_FAILURE() << r.message(); });
    IndexReport report;
    parts = builder.finish(report);
    EXPECT_EQ(report.added, kDocuments);
    EXPECT_TRUE(report.rejected.empty());
  }
  EXPECT_GE(parts.size(), 6u);
  std::size_t batches = 0;
  for (const fs::path& part : parts) batches += Xapian::Database(part.string()).get_revision();
  EXPECT_GE(batches, 2 * parts.size()) << "each part should be written in several batches";
  // The settings come from an empty index, as in IndexWriter's merge.
  IndexWriter(fresh("settings")).commit();
  std::vector<fs::path> sources{fresh("settings")};
  sources.insert(sources.end(), parts.begin(), parts.end());
  index::compact_databases(sources, fresh("merged"));
  testing::expect_same_index(reference(), fresh("merged"), kQueries);
}

}  // namespace
}  // namespace sift
