// SPDX-License-Identifier: GPL-2.0-or-later
// Bulk builds (IndexWriter::index_paths into an empty index), in-place
// compaction, and the metadata rule of the compactor.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "bulk_helpers.h"
#include "index/bulk_builder.h"
#include "index/compactor.h"
#include "index/format/record.h"
#include "index/index_swap.h"
#include "index_helpers.h"
#include "sift/error.h"
#include "sift/index_writer.h"
#include "sift/ingest.h"
#include "sift/searcher.h"
#include "support/expect_sift_error.h"
#include "support/lang_field.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const std::vector<std::string> kCorpusQueries = {
    "the",       "war",          "people", "\"in the\"", "government OR city",
    "title:the", "said NOT the", "run*"};

IndexOptions incremental() {
  IndexOptions options;
  options.bulk_build = false;
  return options;
}

IndexOptions bulk(std::size_t threads, std::size_t memory_mb = 512) {
  IndexOptions options;
  options.bulk_threads = threads;
  options.bulk_memory_mb = memory_mb;
  return options;
}

std::map<std::string, std::string> rejections(const IndexReport& report) {
  std::map<std::string, std::string> out;
  for (const Rejection& r : report.rejected) out[r.input] = r.reason;
  return out;
}

int xapian_check(const fs::path& index, std::string* output) {
  const testing::RunResult r = testing::run({"/usr/bin/xapian-check", index.string()});
  *output = r.out + r.err;
  return r.exit_code;
}

TEST(MergeMetadata, StemListsAreUnited) {
  using namespace std::string_literals;
  EXPECT_EQ(index::merge_metadata("sift:stems:run", {"ran\0run"s, "run\0runner"s, "ran"s}),
            "ran\0run\0runner"s);
  EXPECT_EQ(index::merge_metadata("sift:stems:x", {""s, "b\0a"s}), "a\0b"s);
  EXPECT_EQ(index::merge_metadata("sift:stems:x", {"only"s}), "only"s);
}

TEST(MergeMetadata, SettingsMustAgreeAndTheLatestCommitWins) {
  EXPECT_EQ(index::merge_metadata("sift:language", {"english", "english"}), "english");
  EXPECT_EQ(
      index::merge_metadata("sift:last_commit", {"2026-01-02T00:00:00Z", "2026-03-01T00:00:00Z",
                                                 "2025-12-31T00:00:00Z"}),
      "2026-03-01T00:00:00Z");
  EXPECT_SIFT_ERROR(index::merge_metadata("sift:language", {"english", "french"}),
                    ErrorCode::Corrupt,
                    ::testing::StrEq("cannot merge indexes that disagree on metadata "
                                     "'sift:language' ('english' and 'french')"));
}

TEST(BulkBuild, CorpusEqualsTheIncrementalBuild) {
  TempDir dir;
  IndexWriter(dir / "incremental", incremental()).index_paths({testing::corpus_dir()});
  for (const std::size_t threads : {1u, 2u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const fs::path path = dir / ("bulk" + std::to_string(threads));
    IndexWriter writer(path, bulk(threads));
    const IndexReport report = writer.index_paths({testing::corpus_dir()});
    EXPECT_EQ(report.added, 5u);
    EXPECT_TRUE(report.rejected.empty());
    EXPECT_EQ(writer.ids(), testing::corpus_ids());
    EXPECT_EQ(writer.document_count(), 5u);
    testing::expect_same_index(dir / "incremental", path, kCorpusQueries);
    EXPECT_FALSE(fs::exists(index::work_folder(path)));
  }
}

TEST(BulkBuild, DuplicatesAndRejectionsAreReportedAsIncrementally) {
  TempDir dir;
  testing::write_file(
      dir / "in" / "a.jsonl",
      "{\"id\":\"one\",\"title\":\"First\",\"body\":\"first version\"}\n"
      "{\"id\":\"two\",\"title\":\"Two\",\"body\":\"bad date\",\"date\":\"2020-13-45\"}\n"
      "{\"id\":\"three\",\"title\":\"Three\",\"body\":\"fine\"}\n"
      "{\"id\":\"one\",\"title\":\"Again\",\"body\":\"second version\"}\n");
  const IndexReport slow =
      IndexWriter(dir / "incremental", incremental()).index_paths({dir / "in"});
  const IndexReport fast = IndexWriter(dir / "bulk", bulk(2)).index_paths({dir / "in"});
  EXPECT_EQ(fast.added, slow.added);
  EXPECT_EQ(fast.added, 2u);
  EXPECT_EQ(rejections(fast), rejections(slow));
  EXPECT_EQ(fast.rejected.size(), 2u);
  testing::expect_same_index(dir / "incremental", dir / "bulk", {"first", "fine", "second"});
  Xapian::Database db((dir / "bulk").string());
  EXPECT_EQ(testing::matching_ids(db, Xapian::Query("first")), (std::set<std::string>{"one"}));
  EXPECT_TRUE(testing::matching_ids(db, Xapian::Query("second")).empty());
}

// Workers check, build and store documents with the registry the writer
// gives them, as PlainWriter::add does.
TEST(BulkBuild, WorkersUseTheWritersRegistry) {
  TempDir dir;
  const std::vector<format::FieldSpec> fields = testing::registry_with_lang(/*stored=*/true);
  std::vector<fs::path> parts;
  IndexReport report;
  {
    index::BulkBuilder builder(dir / "parts", "test", AnalyzerOptions{}, 1, 64 << 20,
                               index::kPartTextBytes, fields);
    Document doc = testing::make_doc("x", {"text"});
    doc.keywords["lang"] = {"en"};
    builder.push(Document(doc));
    doc.id = "y";
    doc.keywords["lang"] = {"en", "fr"};
    builder.push(std::move(doc));
    parts = builder.finish(report);
  }
  EXPECT_EQ(report.added, 1u);
  ASSERT_EQ(report.rejected.size(), 1u);
  EXPECT_EQ(report.rejected[0].reason, "document 'y': field lang: 2 values; it takes one");
  ASSERT_EQ(parts.size(), 1u);
  Xapian::Database part(parts[0].string());
  EXPECT_EQ(testing::matching_ids(part, Xapian::Query("XLANG:en")), (std::set<std::string>{"x"}));
  const auto summary = format::decode_summary(part.get_document(1).get_data());
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->keywords, (std::map<std::string, std::vector<std::string>>{{"lang", {"en"}}}));
}

TEST(BulkBuild, AddAllBuildsInBulkThenAddsIncrementally) {
  TempDir dir;
  IndexWriter(dir / "incremental", incremental()).index_paths({testing::corpus_dir()});
  std::vector<Document> docs;
  read_path(
      testing::corpus_dir(), [&](Document&& doc) { docs.push_back(std::move(doc)); },
      [](const Rejection& r) { ADD_FAILURE() << r.message(); });
  ASSERT_EQ(docs.size(), 5u);
  docs.push_back(docs.front());  // A duplicate id: rejected, the first kept.
  docs.push_back(testing::make_doc("", {"no id"}));
  IndexWriter writer(dir / "bulk", bulk(2));
  const IndexReport report = writer.add_all(docs);
  EXPECT_EQ(report.added, 5u);
  ASSERT_EQ(report.rejected.size(), 2u);
  EXPECT_NE(report.rejected[0].reason.find("duplicate id"), std::string::npos);
  EXPECT_EQ(report.rejected[1].reason, "document has an empty id");
  testing::expect_same_index(dir / "incremental", dir / "bulk", kCorpusQueries);
  // Into the non-empty index: add() for each, so unchanged ids stay.
  docs.resize(2);
  docs[1].paragraphs = {"A changed body."};
  const IndexReport again = writer.add_all(docs);
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(again.replaced, 1u);
}

TEST(BulkBuild, ReadersSeeNothingUntilTheEndThenEverything) {
  TempDir dir;
  const fs::path path = dir / "db";
  IndexWriter writer(path, bulk(2));
  Searcher before(path);  // Open on the empty index.
  SearchOptions options;
  options.snippets = options.facets = options.suggest = false;
  EXPECT_EQ(before.search("the", options).total, 0u);
  std::size_t checks = 0;
  writer.index_paths({testing::corpus_dir()}, false, {}, [&](std::size_t) {
    EXPECT_EQ(Xapian::Database(path.string()).get_doccount(), 0u);
    EXPECT_EQ(before.search("the", options).total, 0u);
    // A second writer is locked out while the build runs.
    EXPECT_SIFT_ERROR(IndexWriter second(path), ErrorCode::Locked, "");
    ++checks;
  });
  EXPECT_EQ(checks, 5u);
  EXPECT_EQ(before.search("the", options).total, 5u);
  EXPECT_EQ(Xapian::Database(path.string()).get_doccount(), 5u);
  // And after the swap, as long as the writer lives.
  EXPECT_THROW(IndexWriter second(path), Error);
}

TEST(BulkBuild, TheWriterGoesOnAfterwardsIncrementally) {
  TempDir dir;
  const fs::path path = dir / "db";
  {
    IndexWriter writer(path, bulk(2));
    writer.index_paths({testing::corpus_dir()});
    EXPECT_EQ(writer.add(testing::make_doc("extra", {"An extra paragraph about zebras."})),
              AddOutcome::Added);
    EXPECT_TRUE(writer.remove("000_3fc74faefdc7eeff"));
    writer.commit();
    writer.load_synonyms(testing::corpus_dir() / "synonyms.txt");
    // The commits went to the index the path names, not to the old one.
    Xapian::Database db(path.string());
    EXPECT_EQ(db.get_doccount(), 5u);
    EXPECT_EQ(testing::matching_ids(db, Xapian::Query("zebras")), (std::set<std::string>{"extra"}));
    EXPECT_NE(db.synonym_keys_begin(), db.synonym_keys_end());
  }
  std::string output;
  EXPECT_EQ(xapian_check(path, &output), 0) << output;
  // A second run into the non-empty index is incremental: ids are replaced.
  IndexWriter writer(path, bulk(2));
  testing::write_file(dir / "in" / "extra.txt", "Extra\n\nNow about giraffes.\n");
  const IndexReport report = writer.index_paths({dir / "in", testing::corpus_dir()});
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.added, 1u);  // 000_..., removed above.
  EXPECT_EQ(report.unchanged, 4u);
  EXPECT_EQ(writer.document_count(), 6u);
}

TEST(BulkBuild, SettingsAndSynonymsOfTheEmptyIndexAreKept) {
  TempDir dir;
  const fs::path path = dir / "db";
  IndexOptions options = bulk(2);
  options.analyzer.keep_accents = true;
  IndexWriter writer(path, options);
  writer.load_synonyms(testing::corpus_dir() / "synonyms.txt");
  Xapian::Database before(path.string());
  const std::vector<std::string> synonyms(before.synonym_keys_begin(), before.synonym_keys_end());
  ASSERT_FALSE(synonyms.empty());
  writer.index_paths({testing::corpus_dir()});
  Xapian::Database after(path.string());
  EXPECT_EQ(after.get_doccount(), 5u);
  EXPECT_EQ(std::vector<std::string>(after.synonym_keys_begin(), after.synonym_keys_end()),
            synonyms);
  for (auto key = before.metadata_keys_begin(); key != before.metadata_keys_end(); ++key) {
    if (*key == "sift:last_commit") continue;
    EXPECT_EQ(after.get_metadata(*key), before.get_metadata(*key)) << *key;
  }
  EXPECT_EQ(after.get_metadata("sift:keep_accents"), "1");
  EXPECT_GE(after.get_metadata("sift:last_commit"), before.get_metadata("sift:last_commit"));
}

TEST(BulkBuild, ALeftoverWorkFolderIsRemovedByTheNextWriter) {
  TempDir dir;
  const fs::path path = dir / "db";
  IndexWriter(path).index_paths({testing::corpus_dir()});
  testing::write_file(index::work_folder(path) / "parts" / "part-0-0" / "junk", "x");
  IndexWriter writer(path);
  EXPECT_FALSE(fs::exists(index::work_folder(path)));
  EXPECT_EQ(writer.document_count(), 5u);
}

TEST(BulkBuild, ASymbolicLinkToTheIndexStaysOne) {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  IndexWriter(dir / "link", bulk(2)).index_paths({testing::corpus_dir()});
  EXPECT_TRUE(fs::is_symlink(dir / "link"));
  EXPECT_EQ(Xapian::Database((dir / "real").string()).get_doccount(), 5u);
  EXPECT_FALSE(fs::exists(index::work_folder(dir / "link")));
  EXPECT_FALSE(fs::exists(dir / ".link.sift-work"));
}

TEST(Compact, InPlaceKeepsTheDocumentsAndReadersFollow) {
  TempDir dir;
  const fs::path path = dir / "db";
  IndexWriter writer(path, incremental());
  writer.index_paths({testing::corpus_dir()});
  for (int round = 0; round < 3; ++round) {
    writer.add(testing::make_doc("changing", {"round " + std::to_string(round) + " text"}));
    writer.commit();
  }
  fs::copy(path, dir / "copy");
  Searcher reader(path);
  const auto before = testing::ranked(reader, "the");
  ASSERT_FALSE(before.empty());
  const auto size = [](const fs::path& p) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::directory_iterator(p)) n += e.is_regular_file() ? e.file_size() : 0;
    return n;
  };
  const std::uintmax_t old_size = size(path);
  writer.compact();
  EXPECT_LT(size(path), old_size);
  EXPECT_FALSE(fs::exists(index::work_folder(path)));
  testing::expect_same_index(dir / "copy", path, kCorpusQueries);
  EXPECT_EQ(testing::ranked(reader, "the"), before);
  // The reader reopens onto the compacted index, and sees later commits.
  writer.add(testing::make_doc("later", {"the quetzalcoatl document"}));
  writer.commit();
  EXPECT_EQ(testing::ranked(reader, "quetzalcoatl").size(), 1u);
  std::string output;
  EXPECT_EQ(xapian_check(path, &output), 0) << output;
}

}  // namespace
}  // namespace sift
