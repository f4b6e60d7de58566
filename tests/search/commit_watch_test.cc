// SPDX-License-Identifier: GPL-2.0-or-later
// CommitWatch (internal): every commit is seen, so a Searcher that skips
// Database::reopen() on its word never reads a stale revision; and the
// Searcher over it sees each commit in its next search.
#include "search/shards/commit_watch.h"

#include <gtest/gtest.h>
#include <sift/sift.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace sift::testing {
namespace {

/// Commits one document holding `term` to the glass database at `db`.
void commit_one(const std::filesystem::path& db, const std::string& term) {
  Xapian::WritableDatabase w(db.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  Xapian::Document d;
  d.add_term(term);
  w.add_document(d);
  w.commit();
}

search::ShardSpec local(const std::filesystem::path& path) {
  search::ShardSpec spec;
  spec.name = path.string();
  spec.path = path;
  return spec;
}

search::ShardSpec remote() {
  search::ShardSpec spec;
  spec.name = "tcp://127.0.0.1:7000";
  spec.host = "127.0.0.1";
  spec.port = 7000;
  return spec;
}

TEST(CommitWatch, NothingIsSeenBeforeTheFirstMark) {
  TempDir dir;
  commit_one(dir / "db", "a");
  search::CommitWatch watch({local(dir / "db")});
  EXPECT_TRUE(watch.changed());
  watch.mark();
  EXPECT_FALSE(watch.changed());
  EXPECT_FALSE(watch.changed());  // Looking does not change anything.
}

TEST(CommitWatch, SeesEveryCommit) {
  // Glass writes each commit's version file anew and renames it into
  // place, so removed files' inode numbers come back after a few commits:
  // each commit must be seen all the same.
  TempDir dir;
  commit_one(dir / "db", "a");
  search::CommitWatch watch({local(dir / "db")});
  watch.mark();
  for (int i = 0; i < 30; ++i) {
    commit_one(dir / "db", "t" + std::to_string(i));
    EXPECT_TRUE(watch.changed()) << "commit " << i;
    watch.mark();
    EXPECT_FALSE(watch.changed()) << "after commit " << i;
  }
}

TEST(CommitWatch, SeesTwoCommitsBetweenLooks) {
  // The second commit frees the inode of the version file seen last, and a
  // later version file may get its number: only holding the file open
  // keeps the number from coming back.
  TempDir dir;
  commit_one(dir / "db", "a");
  search::CommitWatch watch({local(dir / "db")});
  watch.mark();
  for (int i = 0; i < 20; ++i) {
    commit_one(dir / "db", "x" + std::to_string(i));
    commit_one(dir / "db", "y" + std::to_string(i));
    EXPECT_TRUE(watch.changed()) << "round " << i;
    watch.mark();
  }
}

TEST(CommitWatch, SeesACommitToAnyShard) {
  TempDir dir;
  commit_one(dir / "one", "a");
  commit_one(dir / "two", "b");
  search::CommitWatch watch({local(dir / "one"), local(dir / "two")});
  watch.mark();
  EXPECT_FALSE(watch.changed());
  commit_one(dir / "two", "c");
  EXPECT_TRUE(watch.changed());
  watch.mark();
  EXPECT_FALSE(watch.changed());
}

TEST(CommitWatch, SeesAnIndexRebuiltInPlace) {
  TempDir dir;
  commit_one(dir / "db", "a");
  search::CommitWatch watch({local(dir / "db")});
  watch.mark();
  std::filesystem::remove_all(dir / "db");
  commit_one(dir / "db", "b");
  EXPECT_TRUE(watch.changed());
}

TEST(CommitWatch, ShardsItCannotWatchAlwaysCountAsChanged) {
  TempDir dir;
  commit_one(dir / "db", "a");
  write_file(dir / "file", "not a folder");
  std::filesystem::create_directories(dir / "empty");  // No version file.
  for (const auto& specs :
       {std::vector<search::ShardSpec>{remote()},
        std::vector<search::ShardSpec>{local(dir / "db"), remote()},
        std::vector<search::ShardSpec>{local(dir / "file")},
        std::vector<search::ShardSpec>{local(dir / "empty")}, std::vector<search::ShardSpec>{}}) {
    search::CommitWatch watch(specs);
    watch.mark();
    EXPECT_TRUE(watch.changed()) << specs.size() << " shard(s)";
  }
}

TEST(CommitWatch, SearcherSeesEachCommitInItsNextSearchAndLookup) {
  TempDir dir;
  IndexWriter writer(dir / "index");
  Document doc;
  doc.id = "d0";
  doc.paragraphs = {"walrus"};
  writer.add(doc);
  writer.commit();
  Searcher searcher(dir / "index");
  SearchOptions options;
  options.snippets = options.facets = options.suggest = false;
  for (std::size_t i = 1; i <= 12; ++i) {
    EXPECT_EQ(searcher.search("walrus", options).total, i);
    EXPECT_EQ(searcher.search("walrus", options).total, i);  // No commit: the same.
    doc.id = "d" + std::to_string(i);
    writer.add(doc);
    writer.commit();
    // The lookups read the latest commit too, with no search in between.
    EXPECT_TRUE(searcher.document(doc.id).has_value()) << doc.id;
    EXPECT_EQ(searcher.status().documents, i + 1);
  }
  EXPECT_EQ(searcher.search("walrus", options).total, 13u);
}

}  // namespace
}  // namespace sift::testing
