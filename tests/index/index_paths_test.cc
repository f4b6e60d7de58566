// SPDX-License-Identifier: GPL-2.0-or-later
// IndexWriter::index_paths over the corpus and copies of it.
#include <gtest/gtest.h>

#include <map>

#include "index/format/layout.h"
#include "index_helpers.h"
#include "sift/error.h"
#include "sift/index_writer.h"

namespace sift {
namespace {

using testing::TempDir;

// Every document's data, by docid order.
std::vector<std::string> all_data(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  std::vector<std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    out.push_back(db.get_document(*it).get_data());
  }
  return out;
}

TEST(IndexPaths, IndexesTheCorpusByFileName) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  std::size_t last_progress = 0;
  const IndexReport report =
      writer.index_paths({testing::corpus_dir()}, false, {}, [&](std::size_t n) {
        EXPECT_EQ(n, last_progress + 1);
        last_progress = n;
      });
  EXPECT_EQ(report.added, 5u);
  EXPECT_EQ(report.replaced, 0u);
  EXPECT_EQ(report.unchanged, 0u);
  EXPECT_EQ(report.removed, 0u);
  EXPECT_TRUE(report.rejected.empty());
  EXPECT_GT(report.bytes, 15000u);
  EXPECT_EQ(last_progress, 5u);
  EXPECT_EQ(writer.ids(), testing::corpus_ids());

  Xapian::Database db((dir / "db").string());  // committed at the end
  EXPECT_EQ(db.get_doccount(), 5u);
  for (const auto& id : testing::corpus_ids()) {
    EXPECT_EQ(db.get_termfreq("Q" + id), 1u) << id;
  }
}

TEST(IndexPaths, IndexingTwiceChangesNothing) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  writer.index_paths({testing::corpus_dir()});
  const auto before = all_data(dir / "db");
  const IndexReport again = writer.index_paths({testing::corpus_dir()});
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.replaced, 0u);
  EXPECT_EQ(again.unchanged, 5u);
  EXPECT_EQ(writer.document_count(), 5u);
  EXPECT_EQ(all_data(dir / "db"), before);
}

TEST(IndexPaths, AChangedFileIsReplaced) {
  TempDir dir;
  const auto corpus = testing::copy_corpus(dir.path());
  IndexWriter writer(dir / "db");
  writer.index_paths({corpus});
  {
    Xapian::Database db((dir / "db").string());
    EXPECT_EQ(testing::short_ids(testing::matching_ids(db, Xapian::Query("kharkiv"))),
              (std::set<std::string>{"001", "002", "003"}));
  }
  testing::write_file(corpus / "001_20fc1e4ed93c3508.txt",
                      "A rewritten headline\n\nNothing about that city any more, only "
                      "marmalade from Zanzibar.\n");
  const IndexReport report = writer.index_paths({corpus});
  EXPECT_EQ(report.added, 0u);
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.unchanged, 4u);
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(testing::short_ids(testing::matching_ids(db, Xapian::Query("marmalade"))),
            (std::set<std::string>{"001"}));
  EXPECT_EQ(testing::short_ids(testing::matching_ids(db, Xapian::Query("kharkiv"))),
            (std::set<std::string>{"002", "003"}));
  EXPECT_EQ(db.get_doccount(), 5u);
}

TEST(IndexPaths, PruneRemovesDocumentsWhoseFileIsGone) {
  TempDir dir;
  const auto corpus = testing::copy_corpus(dir.path());
  IndexWriter writer(dir / "db");
  writer.index_paths({corpus});
  writer.add(testing::make_doc("hand-made", {"not from a file"}));  // no path: never pruned
  std::filesystem::remove(corpus / "003_10ab41207cfcd9b5.txt");

  const IndexReport kept = writer.index_paths({corpus});
  EXPECT_EQ(kept.removed, 0u);
  EXPECT_TRUE(writer.contains("003_10ab41207cfcd9b5"));

  const IndexReport pruned = writer.index_paths({corpus}, /*prune=*/true);
  EXPECT_EQ(pruned.removed, 1u);
  EXPECT_EQ(pruned.unchanged, 4u);
  EXPECT_FALSE(writer.contains("003_10ab41207cfcd9b5"));
  EXPECT_TRUE(writer.contains("hand-made"));
  EXPECT_EQ(writer.document_count(), 5u);
}

TEST(IndexPaths, PruneOnlyLooksUnderTheGivenPaths) {
  TempDir dir;
  const auto corpus = testing::copy_corpus(dir.path());
  testing::write_file(dir / "other" / "lone.txt", "Lone article\n\nSome words here.\n");
  IndexWriter writer(dir / "db");
  writer.index_paths({corpus, dir / "other"});
  std::filesystem::remove(dir / "other" / "lone.txt");
  std::filesystem::remove(corpus / "000_3fc74faefdc7eeff.txt");
  // Only corpus/ is given (spelled differently): lone.txt's document stays.
  const IndexReport report = writer.index_paths({corpus / "." / ""}, /*prune=*/true);
  EXPECT_EQ(report.removed, 1u);
  EXPECT_FALSE(writer.contains("000_3fc74faefdc7eeff"));
  EXPECT_TRUE(writer.contains("lone"));
}

TEST(IndexPaths, RejectionsAreReportedAndTheRestIndexed) {
  TempDir dir;
  const auto in = dir / "in";
  testing::write_file(in / "good.txt", "A good headline\n\nA good paragraph.\n");
  testing::write_file(in / "bad-utf8.txt", "Title\n\nBroken \xff bytes.\n");
  testing::write_file(in / "binary.txt", std::string("Title\n\nNUL\0byte\n", 16));
  testing::write_file(in / "empty.txt", "");
  IndexWriter writer(dir / "db");
  const IndexReport report = writer.index_paths({in, dir / "missing"});
  EXPECT_EQ(report.added, 1u);
  ASSERT_EQ(report.rejected.size(), 4u);
  std::map<std::string, std::string> reasons;
  for (const auto& r : report.rejected) reasons[r.input] = r.reason;
  EXPECT_EQ(reasons.count((dir / "missing").string()), 1u);
  EXPECT_EQ(reasons[(dir / "missing").string()], "no such file or folder");
  for (const char* name : {"bad-utf8.txt", "binary.txt", "empty.txt"}) {
    const auto found =
        std::find_if(report.rejected.begin(), report.rejected.end(),
                     [&](const Rejection& r) { return r.input.find(name) != std::string::npos; });
    EXPECT_NE(found, report.rejected.end()) << name;
  }
  EXPECT_EQ(writer.ids(), (std::vector<std::string>{"good"}));
}

TEST(IndexPaths, ARejectedFileKeepsItsOldVersionWhenPruning) {
  TempDir dir;
  const auto in = dir / "in";
  testing::write_file(in / "a.txt", "Headline A\n\nFirst text.\n");
  IndexWriter writer(dir / "db");
  writer.index_paths({in});
  testing::write_file(in / "a.txt", "Headline A\n\nNow \xff broken.\n");
  const IndexReport report = writer.index_paths({in}, /*prune=*/true);
  EXPECT_EQ(report.rejected.size(), 1u);
  EXPECT_EQ(report.removed, 0u);
  EXPECT_TRUE(writer.contains("a"));
}

TEST(IndexPaths, ADuplicateIdIsRejectedAndTheFirstKept) {
  TempDir dir;
  testing::write_file(dir / "in" / "a" / "same.txt", "First headline\n\nFrom folder a.\n");
  testing::write_file(dir / "in" / "b" / "same.txt", "Second headline\n\nFrom folder b.\n");
  IndexWriter writer(dir / "db");
  // In one folder (read_path sees the duplicate) and in two (the writer does).
  for (int run = 0; run < 3; ++run) {
    const IndexReport report = run < 2 ? writer.index_paths({dir / "in"})
                                       : writer.index_paths({dir / "in" / "a", dir / "in" / "b"});
    EXPECT_EQ(report.added, run == 0 ? 1u : 0u);
    EXPECT_EQ(report.unchanged, run == 0 ? 0u : 1u);
    ASSERT_EQ(report.rejected.size(), 1u);
    EXPECT_EQ(report.rejected[0].message(), (dir / "in" / "b" / "same.txt").string() +
                                                ": duplicate id \"same\" (first read from " +
                                                (dir / "in" / "a" / "same.txt").string() + ")");
  }
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(testing::matching_ids(db, Xapian::Query("first")), (std::set<std::string>{"same"}));
}

}  // namespace
}  // namespace sift
