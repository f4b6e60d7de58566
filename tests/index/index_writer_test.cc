// SPDX-License-Identifier: GPL-2.0-or-later
#include "sift/index_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "index/format/layout.h"
#include "index/format/stem_map.h"
#include "index_helpers.h"
#include "sift/error.h"
#include "support/expect_sift_error.h"
#include "support/format1_index.h"

namespace sift {
namespace {

using testing::make_doc;
using testing::TempDir;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(IndexWriter, AddsReplacesAndLeavesUnchanged) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  const Document doc = make_doc("a", {"first version"});
  EXPECT_EQ(writer.add(doc), AddOutcome::Added);
  EXPECT_EQ(writer.add(doc), AddOutcome::Unchanged);
  EXPECT_EQ(writer.add(make_doc("a", {"second version"})), AddOutcome::Replaced);
  EXPECT_EQ(writer.document_count(), 1u);
  EXPECT_TRUE(writer.contains("a"));  // before any commit
  EXPECT_FALSE(writer.contains("b"));
  writer.commit();

  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(testing::matching_ids(db, Xapian::Query("second")), (std::set<std::string>{"a"}));
  EXPECT_TRUE(testing::matching_ids(db, Xapian::Query("first")).empty());
}

TEST(IndexWriter, RemoveReportsWhetherTheIdExisted) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  writer.add(make_doc("a", {"text"}));
  writer.add(make_doc("b", {"text"}));
  EXPECT_TRUE(writer.remove("a"));
  EXPECT_FALSE(writer.remove("a"));
  EXPECT_FALSE(writer.contains("a"));
  EXPECT_EQ(writer.ids(), (std::vector<std::string>{"b"}));
  EXPECT_EQ(writer.document_count(), 1u);
}

TEST(IndexWriter, RejectsInvalidDocumentsNamingIdAndField) {
  TempDir dir;
  IndexWriter writer(dir / "db");
  EXPECT_SIFT_ERROR(writer.add(make_doc("", {"x"})), ErrorCode::BadInput,
                    ::testing::StrEq("document has an empty id"));
  Document bad = make_doc("b7", {"ok"});
  bad.title = "caf\xc3\x28";
  EXPECT_SIFT_ERROR(writer.add(bad), ErrorCode::BadInput,
                    ::testing::StartsWith("document 'b7': field title: invalid UTF-8 at byte 3"));
  // A keyword field the index does not have is named, not dropped.
  Document unknown = make_doc("k1", {"ok"});
  unknown.keywords["colour"] = {"red"};
  EXPECT_SIFT_ERROR(
      writer.add(unknown), ErrorCode::BadInput,
      ::testing::StrEq("document 'k1': keywords: 'colour' is not a keyword field of the index"));
  EXPECT_EQ(writer.document_count(), 0u);
}

TEST(IndexWriter, LongIdsAreHashedAndStillFoundAndReplaced) {
  TempDir dir;
  const std::string long_id(300, 'x');
  IndexWriter writer(dir / "db");
  EXPECT_EQ(writer.add(make_doc(long_id, {"one"})), AddOutcome::Added);
  EXPECT_EQ(writer.add(make_doc("short", {"two"})), AddOutcome::Added);
  EXPECT_TRUE(writer.contains(long_id));
  EXPECT_EQ(writer.ids(), (std::vector<std::string>{"short", long_id}));
  EXPECT_EQ(writer.add(make_doc(long_id, {"three"})), AddOutcome::Replaced);
  EXPECT_EQ(writer.document_count(), 2u);
  writer.commit();

  Xapian::Database db((dir / "db").string());
  const std::string term = format::id_term(long_id);
  EXPECT_EQ(term.rfind("Q#", 0), 0u);
  EXPECT_LE(term.size(), format::kMaxKeyTermBytes);
  EXPECT_EQ(db.get_termfreq(term), 1u);
  EXPECT_EQ(testing::matching_ids(db, Xapian::Query("three")), (std::set<std::string>{long_id}));
  EXPECT_TRUE(writer.remove(long_id));
}

TEST(IndexWriter, LongSourceAndPathTermsAreHashed) {
  TempDir dir;
  Document doc = make_doc("a", {"text"});
  doc.source = std::string(250, 's');
  doc.path = std::string(250, 'p');
  {
    IndexWriter writer(dir / "db");
    writer.add(doc);
  }
  Xapian::Database db((dir / "db").string());
  EXPECT_EQ(db.get_termfreq(format::key_term(format::kSource, doc.source)), 1u);
  EXPECT_EQ(db.get_termfreq(format::key_term(format::kPath, doc.path)), 1u);
  EXPECT_EQ(db.get_document(1).get_value(format::kSourceSlot), doc.source);
}

TEST(IndexWriter, CommitsEveryBatchSizeChanges) {
  TempDir dir;
  IndexOptions options;
  options.batch_size = 2;
  IndexWriter writer(dir / "db", options);
  Xapian::Database reader((dir / "db").string());
  writer.add(make_doc("a", {"x"}));
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 0u);
  writer.add(make_doc("b", {"x"}));
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 2u);
  writer.add(make_doc("b", {"x"}));  // unchanged: not a change
  writer.add(make_doc("c", {"x"}));
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 2u);
  writer.commit();
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 3u);
}

TEST(IndexWriter, BatchGrowsWithTheIndexUpToItsCap) {
  TempDir dir;
  {
    IndexOptions bulk;
    bulk.batch_size = 0;
    IndexWriter writer(dir / "db", bulk);
    for (int i = 0; i < 640; ++i) writer.add(make_doc("seed" + std::to_string(i), {"x"}));
    writer.commit();
  }
  Xapian::Database reader((dir / "db").string());
  IndexOptions options;
  options.batch_size = 2;
  {
    // 640 documents / 64 = 10, capped at 8: a commit every 8 changes, not 2.
    options.max_batch_size = 8;
    IndexWriter writer(dir / "db", options);
    for (int i = 0; i < 7; ++i) writer.add(make_doc("grown" + std::to_string(i), {"x"}));
    reader.reopen();
    EXPECT_EQ(reader.get_doccount(), 640u);
    writer.add(make_doc("grown7", {"x"}));
    reader.reopen();
    EXPECT_EQ(reader.get_doccount(), 648u);
  }
  {
    // A cap at or below batch_size keeps the batch fixed.
    options.max_batch_size = 2;
    IndexWriter writer(dir / "db", options);
    writer.add(make_doc("fixed0", {"x"}));
    reader.reopen();
    EXPECT_EQ(reader.get_doccount(), 648u);
    writer.add(make_doc("fixed1", {"x"}));
    reader.reopen();
    EXPECT_EQ(reader.get_doccount(), 650u);
  }
}

TEST(IndexWriter, DestructorCommits) {
  TempDir dir;
  {
    IndexOptions options;
    options.batch_size = 0;
    IndexWriter writer(dir / "db", options);
    writer.add(make_doc("a", {"x"}));
  }
  EXPECT_EQ(Xapian::Database((dir / "db").string()).get_doccount(), 1u);
}

TEST(IndexWriter, MovedWriterKeepsTheIndex) {
  TempDir dir;
  IndexWriter first(dir / "db");
  first.add(make_doc("a", {"x"}));
  IndexWriter second(std::move(first));
  EXPECT_TRUE(second.contains("a"));
}

TEST(IndexWriter, StoresAnalyzerSettingsAndRefusesOthers) {
  TempDir dir;
  const auto path = dir / "db";
  { IndexWriter writer(path); }
  Xapian::Database db(path.string());
  EXPECT_EQ(db.get_metadata(std::string(format::kMetaFormat)), "4");
  EXPECT_EQ(db.get_metadata(std::string(format::kMetaLanguage)), "english");
  EXPECT_EQ(db.get_metadata(std::string(format::kMetaKeepAccents)), "0");
  EXPECT_EQ(db.get_metadata(std::string(format::kMetaMaxToken)), "64");
  EXPECT_EQ(db.get_metadata(std::string(format::kMetaParagraphGap)), "100");

  IndexOptions french;
  french.analyzer.language = "french";
  EXPECT_SIFT_ERROR(
      IndexWriter w(path, french), ErrorCode::BadInput,
      ::testing::StrEq("index " + path.string() +
                       " was built with language 'english'; cannot add with 'french'"));
  IndexOptions accents;
  accents.analyzer.keep_accents = true;
  EXPECT_SIFT_ERROR(
      IndexWriter w(path, accents), ErrorCode::BadInput,
      ::testing::StrEq("index " + path.string() +
                       " was built with accents folded; cannot add with accents kept"));
  IndexOptions other_gap;
  other_gap.analyzer.paragraph_gap = 7;  // the index's own value wins
  EXPECT_NO_THROW(IndexWriter(path, other_gap));
}

TEST(IndexWriter, UnknownLanguageFailsBeforeCreatingAnything) {
  TempDir dir;
  IndexOptions options;
  options.analyzer.language = "klingon";
  EXPECT_SIFT_ERROR(IndexWriter writer(dir / "db", options), ErrorCode::Unsupported, "klingon");
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
}

TEST(IndexWriter, SecondWriterIsLocked) {
  TempDir dir;
  const auto path = dir / "db";
  IndexWriter first(path);
  EXPECT_SIFT_ERROR(IndexWriter second(path), ErrorCode::Locked,
                    ::testing::StrEq(path.string() + ": index is locked by another writer"));
}

TEST(IndexWriter, LockTimeoutWaitsThenFails) {
  TempDir dir;
  const auto path = dir / "db";
  IndexWriter first(path);
  IndexOptions options;
  options.lock_timeout = std::chrono::milliseconds(400);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_SIFT_ERROR(IndexWriter second(path, options), ErrorCode::Locked,
                    ::testing::StrEq(path.string() + ": index is locked by another writer"));
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(400));
  EXPECT_LT(waited, std::chrono::milliseconds(3000));
}

TEST(IndexWriter, LockTimeoutSucceedsWhenTheOtherWriterLetsGo) {
  TempDir dir;
  const auto path = dir / "db";
  auto first = std::make_unique<IndexWriter>(path);
  first->add(make_doc("a", {"x"}));
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    first.reset();
  });
  IndexOptions options;
  options.lock_timeout = std::chrono::milliseconds(5000);
  IndexWriter second(path, options);
  release.join();
  EXPECT_TRUE(second.contains("a"));
}

TEST(IndexWriter, MissingIndexWithoutCreateIsNotFound) {
  TempDir dir;
  IndexOptions options;
  options.create_if_missing = false;
  EXPECT_SIFT_ERROR(IndexWriter w(dir / "nope", options), ErrorCode::NotFound,
                    ::testing::StrEq((dir / "nope").string() + ": no index here (no such folder)"));
  EXPECT_FALSE(std::filesystem::exists(dir / "nope"));
}

TEST(IndexWriter, AFileOrAFolderOfOtherFilesIsNotAnIndex) {
  TempDir dir;
  testing::write_file(dir / "file", "hello");
  EXPECT_SIFT_ERROR(
      IndexWriter w(dir / "file"), ErrorCode::Corrupt,
      ::testing::StrEq((dir / "file").string() + ": not an index (it is a file, not a folder)"));
  testing::write_file(dir / "docs" / "notes.txt", "mine");
  EXPECT_SIFT_ERROR(
      IndexWriter w(dir / "docs"), ErrorCode::Corrupt,
      ::testing::StrEq(
          (dir / "docs").string() +
          ": not an index (the folder holds other files and no Xapian glass database)"));
  EXPECT_FALSE(std::filesystem::exists(dir / "docs" / "iamglass"));
}

TEST(IndexWriter, APlainXapianDatabaseIsNotASiftIndex) {
  TempDir dir;
  {
    Xapian::WritableDatabase db((dir / "x").string(), Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
  }
  EXPECT_SIFT_ERROR(
      IndexWriter w(dir / "x"), ErrorCode::Corrupt,
      ::testing::StrEq(
          (dir / "x").string() +
          ": a Xapian database, but not a Sift index (it has no sift:format setting)"));
}

TEST(IndexWriter, ADamagedIndexIsReportedNotCrashed) {
  TempDir dir;
  { IndexWriter writer(dir / "db"); }
  testing::write_file(dir / "db" / "iamglass", "garbage");
  EXPECT_SIFT_ERROR(IndexWriter w(dir / "db"), ErrorCode::Corrupt,
                    ::testing::StartsWith((dir / "db").string() + ": the index is damaged ("));
}

// A table whose blocks are damaged, found by the check before a write:
// with the process's only thread the check runs in a child, with other
// threads alive it runs in the writer's own process (a child forked from a
// multi-threaded process could wait forever on a lock another thread
// held).  Both refuse the write with the same message.
void damage_postlist(const std::filesystem::path& index) {
  const auto table = index / "postlist.glass";
  const auto size = std::filesystem::file_size(table);
  ASSERT_GE(size, 8192u);
  std::fstream f(table, std::ios::in | std::ios::out | std::ios::binary);
  // Overwrite the middle of every block but keep headers and length:
  // Xapian opens the table, its check finds the entries unreadable.
  for (std::uintmax_t at = 0; at + 8192 <= size; at += 8192) {
    f.seekp(static_cast<std::streamoff>(at + 4000));
    f.write("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 16);
  }
}

void write_one(const std::filesystem::path& path) {
  IndexWriter w(path);
  w.add(make_doc("z", {"a document for a damaged index"}));
  w.commit();
}

TEST(IndexWriter, ADamagedTableIsRefusedWithOrWithoutOtherThreads) {
  TempDir dir;
  const auto path = dir / "db";
  {
    IndexWriter writer(path);
    for (int i = 0; i < 200; ++i) {
      writer.add(make_doc("d" + std::to_string(i), {"word" + std::to_string(i) + " common text"}));
    }
  }
  damage_postlist(path);
  const auto refused = ::testing::AllOf(
      ::testing::StartsWith(path.string() + ": the index is damaged (postlist.glass: "),
      ::testing::HasSubstr("rebuild it: rm -r '" + path.string() + "'"));
  EXPECT_SIFT_ERROR(write_one(path), ErrorCode::Corrupt, refused);

  // The same with a second thread alive for the whole check.
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::thread other([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
  });
  EXPECT_SIFT_ERROR(write_one(path), ErrorCode::Corrupt, refused);
  {
    std::lock_guard lock(m);
    done = true;
  }
  cv.notify_one();
  other.join();
}

TEST(IndexWriter, RefusesToWriteIntoAnOlderFormatAndNamesTheRebuildCommand) {
  TempDir dir;
  const auto path = dir / "db";
  testing::write_format_1_index(path);
  EXPECT_SIFT_ERROR(
      IndexWriter w(path), ErrorCode::Unsupported,
      ::testing::StrEq("index " + path.string() +
                       " has format 1, written by an older Sift; this Sift reads and writes "
                       "format 4 only (docs/FORMAT.md). Rebuild it from its source files: rm -r '" +
                       path.string() + "' && sift-index --db '" + path.string() + "' FILES..."));
  // Nothing was written: the old index is as it was.
  Xapian::Database db(path.string());
  EXPECT_EQ(db.get_metadata("sift:format"), "1");
  EXPECT_EQ(db.get_doccount(), 1u);
}

TEST(IndexWriter, KeepsNoSpellingTableButAStemMap) {
  TempDir dir;
  const auto path = dir / "db";
  {
    IndexWriter writer(path);
    writer.add(make_doc("a", {"quixotic zebras strike"}));
    writer.add(make_doc("b", {"a zebra striking"}));
  }
  Xapian::Database db(path.string());
  EXPECT_EQ(db.spellings_begin(), db.spellings_end());
  EXPECT_EQ(format::stem_forms(db, "zebra"), (std::vector<std::string>{"zebra", "zebras"}));
  EXPECT_EQ(format::stem_forms(db, "strike"), (std::vector<std::string>{"strike", "striking"}));
  {
    IndexWriter writer(path);
    writer.add(make_doc("c", {"zebra's stripes"}));
  }
  db.reopen();
  EXPECT_EQ(format::stem_forms(db, "zebra"),
            (std::vector<std::string>{"zebra", "zebra's", "zebras"}));
}

// Xapian 1.4.22's spelling table could be corrupted in normal use: 2,250
// documents, each with one unique word "qx...vv", committed every 250,
// left an index that Database::check rejected ("Too few chunks of
// compressed data") while indexing reported success.  Sift keeps no
// spelling table; the same documents leave a sound index.
TEST(IndexWriter, TheQxVvCorpusLeavesAnIndexThatPassesXapianCheck) {
  TempDir dir;
  const auto path = dir / "db";
  std::mt19937 rng(2250);
  std::uniform_int_distribution<int> letter('a', 'z');
  {
    IndexWriter writer(path);
    for (int n = 0; n < 2500; ++n) {
      std::string word = "qx";
      for (int i = 0; i < 8; ++i) word += static_cast<char>(letter(rng));
      word += "vv";
      writer.add(make_doc("d" + std::to_string(n), {"the word " + word + " stands alone"}));
    }
  }
  std::ostringstream report;
  EXPECT_EQ(Xapian::Database::check(path.string(), Xapian::DBCHECK_FULL_TREE, &report), 0u)
      << report.str();
  Xapian::Database db(path.string());
  EXPECT_EQ(db.get_doccount(), 2500u);
  EXPECT_EQ(db.spellings_begin(), db.spellings_end());
}

TEST(IndexWriter, SynonymsAreStoredNormalizedBothWays) {
  TempDir dir;
  const auto path = dir / "db";
  {
    IndexWriter writer(path);
    writer.load_synonyms(testing::corpus_dir() / "synonyms.txt");
  }
  Xapian::Database db(path.string());
  const auto synonyms = [&](const std::string& key) {
    return std::vector<std::string>(db.synonyms_begin(key), db.synonyms_end(key));
  };
  EXPECT_TRUE(contains(synonyms("kiev"), "kyiv"));
  EXPECT_TRUE(contains(synonyms("kyiv"), "kiev"));
  EXPECT_EQ(synonyms("kiev").size(), 3u);  // kyiv, київ, киев (folded forms)
  EXPECT_TRUE(contains(synonyms("united states"), "usa"));
  EXPECT_TRUE(contains(synonyms("usa"), "united states"));
  EXPECT_TRUE(synonyms("us").empty());  // the pronoun is no country's synonym
  EXPECT_TRUE(contains(synonyms("defense"), "defence"));
  EXPECT_TRUE(synonyms("USA").empty());  // keys are normalized
}

TEST(IndexWriter, LoadingSynonymsReplacesTheOldTable) {
  TempDir dir;
  const auto path = dir / "db";
  testing::write_file(dir / "one.txt", "alpha beta\n");
  testing::write_file(dir / "two.txt", "# only this\ngamma \"delta epsilon\"\n");
  {
    IndexWriter writer(path);
    writer.load_synonyms(dir / "one.txt");
    writer.load_synonyms(dir / "two.txt");
  }
  Xapian::Database db(path.string());
  EXPECT_EQ(db.synonyms_begin("alpha"), db.synonyms_end("alpha"));
  ASSERT_NE(db.synonyms_begin("gamma"), db.synonyms_end("gamma"));
  EXPECT_EQ(*db.synonyms_begin("gamma"), "delta epsilon");
  EXPECT_EQ(*db.synonyms_begin("delta epsilon"), "gamma");
}

TEST(IndexWriter, BadSynonymFilesNameTheLine) {
  TempDir dir;
  testing::write_file(dir / "bad.txt", "ok fine\n\"never closed\n");
  testing::write_file(dir / "empty-spelling.txt", "word ---\n");
  IndexWriter writer(dir / "db");
  EXPECT_SIFT_ERROR(writer.load_synonyms(dir / "bad.txt"), ErrorCode::BadInput,
                    ::testing::StrEq((dir / "bad.txt").string() + ":2: unterminated quote"));
  EXPECT_SIFT_ERROR(
      writer.load_synonyms(dir / "empty-spelling.txt"), ErrorCode::BadInput,
      ::testing::StrEq((dir / "empty-spelling.txt").string() + ":1: '---' has no words"));
  EXPECT_SIFT_ERROR(writer.load_synonyms(dir / "none.txt"), ErrorCode::NotFound,
                    ::testing::StrEq((dir / "none.txt").string() + ": no such synonym file"));
}

}  // namespace
}  // namespace sift
