// SPDX-License-Identifier: GPL-2.0-or-later
// Sharded writing and searching on local shards: layout, routing, parallel
// indexing, replace/delete by id, settings, synonyms and suggestions across
// shards, compaction, and the command-line programs.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "shard_fixtures.h"
#include "sift/sift.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::testing {
namespace {

namespace fs = std::filesystem;

IndexOptions small_batches() {
  IndexOptions o;
  o.batch_size = 0;
  return o;
}

TEST(ShardOf, IsStableAndSpreadsIds) {
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; pinned because changing the
  // routing would strand every document of existing sharded indexes.
  EXPECT_EQ(shard_of("a", 1000), 0xaf63dc4c8601ec8cULL % 1000);
  EXPECT_EQ(shard_of("anything", 1), 0u);
  std::map<std::size_t, int> counts;
  for (int i = 0; i < 10000; ++i) ++counts[shard_of("doc-" + std::to_string(i), 4)];
  ASSERT_EQ(counts.size(), 4u);
  for (const auto& [shard, n] : counts) {
    EXPECT_GT(n, 2200) << shard;
    EXPECT_LT(n, 2800) << shard;
  }
}

TEST(ShardedWriter, WritesShardsAndAStubWithSettingsInEveryShard) {
  TempDir dir;
  const fs::path db = dir / "db";
  IndexOptions options;
  options.analyzer.language = "french";
  {
    IndexWriter writer(db, options, {.shards = 3});
    EXPECT_EQ(writer.shard_count(), 3u);
    writer.add_all(generated_corpus(300));
    writer.commit();
  }
  EXPECT_TRUE(is_sharded_index(db));
  const auto paths = shard_paths(db);
  ASSERT_EQ(paths.size(), 3u);
  std::size_t total = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(paths[k], db / ("shard-" + std::to_string(k)));
    Xapian::Database shard(paths[k].string());
    EXPECT_EQ(shard.get_metadata("sift:language"), "french") << k;
    EXPECT_EQ(shard.get_metadata("sift:format"), "4") << k;
    EXPECT_GT(shard.get_doccount(), 50u) << k;
    total += shard.get_doccount();
    // Every document is in the shard its id routes to.
    for (auto it = shard.allterms_begin("Q"); it != shard.allterms_end("Q"); ++it) {
      EXPECT_EQ(shard_of((*it).substr(1), 3), k) << *it;
    }
  }
  EXPECT_EQ(total, 300u);
  // Xapian itself opens the folder as one database, through the stub.
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), 300u);
}

TEST(ShardedWriter, ParallelShardsHoldTheSameDocumentsAsOneIndex) {
  TempDir dir;
  const auto docs = generated_corpus(800);
  IndexWriter one(dir / "one", small_batches());
  for (const Document& d : docs) one.add(d);
  one.commit();
  IndexWriter sharded(dir / "four", small_batches(), {.shards = 4, .threads = 2});
  const IndexReport report = sharded.add_all(docs);
  sharded.commit();
  EXPECT_EQ(report.added, 800u);
  EXPECT_TRUE(report.rejected.empty());
  EXPECT_EQ(sharded.ids(), one.ids());
  EXPECT_EQ(sharded.document_count(), 800u);
  Searcher a(dir / "one");
  Searcher b(dir / "four");
  for (const char* id : {"gen-0", "gen-377", "gen-799"}) {
    EXPECT_EQ(a.document(id)->paragraphs, b.document(id)->paragraphs) << id;
  }
}

TEST(ShardedWriter, ReindexingAChangedDocumentReplacesItInItsShard) {
  TempDir dir;
  auto docs = generated_corpus(400);
  {
    IndexWriter writer(dir / "db", small_batches(), {.shards = 4});
    writer.add_all(docs);
    writer.commit();
  }
  Document changed = docs[123];
  changed.paragraphs = {"A wholly rewritten zyxwvut paragraph."};
  IndexWriter writer(dir / "db", small_batches());  // The count comes from the stub.
  EXPECT_EQ(writer.shard_count(), 4u);
  EXPECT_EQ(writer.add(docs[5]), AddOutcome::Unchanged);
  EXPECT_EQ(writer.add(changed), AddOutcome::Replaced);
  writer.commit();
  EXPECT_EQ(writer.document_count(), 400u);
  const std::size_t home = shard_of(changed.id, 4);
  for (std::size_t k = 0; k < 4; ++k) {
    Xapian::Database shard(shard_paths(dir / "db")[k].string());
    EXPECT_EQ(shard.term_exists("Q" + changed.id), k == home) << k;
    EXPECT_EQ(shard.term_exists("zyxwvut"), k == home) << k;
  }
  Searcher searcher(dir / "db");
  const Results r = searcher.search("zyxwvut");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].id, changed.id);
  EXPECT_TRUE(writer.remove(changed.id));
  EXPECT_FALSE(writer.remove(changed.id));
  writer.commit();
  EXPECT_FALSE(writer.contains(changed.id));
  EXPECT_EQ(searcher.search("zyxwvut").total, 0u);
  EXPECT_EQ(searcher.status().documents, 399u);
}

TEST(ShardedWriter, RejectsAnotherShardCountAPlainIndexAndASecondWriter) {
  TempDir dir;
  { IndexWriter writer(dir / "db", {}, {.shards = 2}); }
  EXPECT_SIFT_ERROR(IndexWriter(dir / "db", {}, {.shards = 3}), ErrorCode::BadInput,
                    "has 2 shards; cannot open it with 3 shards");
  { IndexWriter plain(dir / "plain"); }
  EXPECT_SIFT_ERROR(IndexWriter(dir / "plain", {}, {.shards = 2}), ErrorCode::BadInput,
                    "is a single (unsharded) index");
  IndexWriter first(dir / "db");
  EXPECT_SIFT_ERROR(IndexWriter(dir / "db"), ErrorCode::Locked, "shard-0");
  IndexOptions language;
  language.analyzer.language = "french";
  first = IndexWriter(dir / "other", {}, {.shards = 2});
  EXPECT_SIFT_ERROR(IndexWriter(dir / "db", language), ErrorCode::BadInput,
                    "was built with language 'english'");
}

TEST(ShardedWriter, BadDocumentsAreRejectedAndTheRestWritten) {
  TempDir dir;
  IndexWriter writer(dir / "db", {}, {.shards = 2});
  auto docs = generated_corpus(50);
  docs[10].title = std::string("bad \xff byte");
  const IndexReport report = writer.add_all(docs);
  EXPECT_EQ(report.added, 49u);
  ASSERT_EQ(report.rejected.size(), 1u);
  EXPECT_NE(report.rejected[0].message().find("gen-10"), std::string::npos)
      << report.rejected[0].message();
}

TEST(ShardedSearch, CorpusGivesTheSameResultsSynonymsAndSuggestionsAsOneIndex) {
  TempDir dir;
  const fs::path synonyms = corpus_dir() / "synonyms.txt";
  {
    IndexWriter one(dir / "one");
    one.index_paths({corpus_dir()});
    one.load_synonyms(synonyms);
    IndexWriter four(dir / "four", {}, {.shards = 4});
    const IndexReport report = four.index_paths({corpus_dir()});
    EXPECT_EQ(report.added, 5u);
    four.load_synonyms(synonyms);
  }
  Searcher a(dir / "one");
  Searcher b(dir / "four");
  std::vector<std::string> list;
  for (const fs::path& p : shard_paths(dir / "four")) list.push_back(p.string());
  Searcher c(list);
  for (const std::string q : {"kiev", "ukraine", "\"targets in russia\"", "nato -macron",
                              "united states", "stoltenbreg", "atack", "title:nato", "weap*"}) {
    const Results ra = a.search(q);
    expect_same_results(ra, b.search(q), "sharded folder: " + q);
    expect_same_results(ra, c.search(q), "list of shards: " + q);
  }
  EXPECT_EQ(b.search("kiev").explanation.expansions, a.search("kiev").explanation.expansions);
  EXPECT_EQ(b.search("atack").suggestion, std::optional<std::string>("attack"));
  EXPECT_EQ(b.complete("ukr").front().documents, a.complete("ukr").front().documents);
  EXPECT_EQ(b.document_count(), 5u);
}

TEST(ShardedSearch, CorpusQueryMixMatchesOneIndex) {
  TempDir dir;
  const auto docs = corpus_documents();
  {
    IndexWriter one(dir / "one");
    IndexWriter four(dir / "four", {}, {.shards = 4});
    for (const Document& d : docs) one.add(d);
    four.add_all(docs);
    one.load_synonyms(corpus_dir() / "synonyms.txt");
    four.load_synonyms(corpus_dir() / "synonyms.txt");
  }
  Searcher a(dir / "one");
  Searcher b(dir / "four");
  const auto cases = query_mix(docs, 8);
  EXPECT_GE(cases.size(), 96u);
  for (const QueryCase& c : cases) {
    expect_same_results(a.search(c.query, c.options), b.search(c.query, c.options),
                        c.label + ": " + c.query);
  }
}

TEST(ShardedSearch, StatusRevisionGrowsWithCommitsToAnyShard) {
  TempDir dir;
  IndexWriter writer(dir / "db", {}, {.shards = 2});
  writer.add_all(generated_corpus(20));
  writer.commit();
  Searcher searcher(dir / "db");
  const IndexStatus before = searcher.status();
  EXPECT_EQ(before.documents, 20u);
  EXPECT_TRUE(before.last_commit.has_value());
  Document extra = generated_corpus(21).back();
  writer.add(extra);
  writer.commit();
  const IndexStatus after = searcher.status();
  EXPECT_EQ(after.documents, 21u);
  EXPECT_GT(after.revision, before.revision);
}

// Writes `count` articles a0.txt ... into `folder`.
void write_articles(const fs::path& folder, int count) {
  for (int i = 0; i < count; ++i) {
    write_file(folder / ("a" + std::to_string(i) + ".txt"),
               "Headline " + std::to_string(i) + "\nBody text number " + std::to_string(i) + ".\n");
  }
}

TEST(ShardedWriter, IndexPathsPrunesDocumentsWhoseFileIsGone) {
  TempDir dir;
  const fs::path articles = dir / "articles";
  write_articles(articles, 12);
  IndexWriter writer(dir / "db", {}, {.shards = 3});
  EXPECT_EQ(writer.index_paths({articles}).added, 12u);
  fs::remove(articles / "a3.txt");
  fs::remove(articles / "a7.txt");
  const IndexReport report = writer.index_paths({articles}, /*prune=*/true);
  EXPECT_EQ(report.unchanged, 10u);
  EXPECT_EQ(report.removed, 2u);
  EXPECT_FALSE(writer.contains("a3"));
  EXPECT_FALSE(writer.contains("a7"));
  EXPECT_EQ(writer.document_count(), 10u);
}

TEST(Compaction, MergesShardsIntoOneIndexWithTheSameResults) {
  TempDir dir;
  {
    IndexWriter writer(dir / "four", {}, {.shards = 4});
    writer.index_paths({corpus_dir()});
    writer.add_all(generated_corpus(500));
    // Two forms of one stem, each only in one shard, neither the first.
    std::vector<std::string> ids;
    for (int n = 0; ids.size() < 2; ++n) {
      const std::string id = "zebra-" + std::to_string(n);
      const std::size_t shard = shard_of(id, 4);
      if (shard == 0 || (!ids.empty() && shard_of(ids[0], 4) == shard)) continue;
      ids.push_back(id);
    }
    writer.add(Document{.id = ids[0], .paragraphs = {"Zebras grazing near the river."}});
    writer.add(Document{.id = ids[1], .paragraphs = {"A zebra grazed alone."}});
    writer.load_synonyms(corpus_dir() / "synonyms.txt");
  }
  compact_index(dir / "four", dir / "compact");
  EXPECT_FALSE(is_sharded_index(dir / "compact"));
  Searcher a(dir / "four");
  Searcher b(dir / "compact");
  EXPECT_EQ(b.document_count(), 507u);
  for (const std::string q : {"kiev", "ukraine", "atack", "nato OR weapons"}) {
    expect_same_results(a.search(q), b.search(q), q);
  }
  // Stemmed phrases and NEAR find positions through each shard's stem map;
  // the compacted index holds the union of the shards' maps.
  for (const std::string q : {"~\"the weapon\"", "the NEAR/2 weapon"}) {
    const Results merged = b.search(q);
    EXPECT_GE(merged.total, 10u) << q;
    expect_same_results(a.search(q), merged, q);
  }
  EXPECT_EQ(b.search("~\"zebra graze\"").total, 2u);
  EXPECT_EQ(b.search("zebra NEAR/1 grazing").total, 2u);
  // The compact index is a normal index: a writer opens it.
  IndexWriter writer(dir / "compact");
  EXPECT_EQ(writer.document_count(), 507u);
  EXPECT_SIFT_ERROR(compact_index(dir / "four", dir / "compact"), ErrorCode::BadInput,
                    "the destination already exists");
  EXPECT_SIFT_ERROR(compact_index(dir / "missing", dir / "x"), ErrorCode::NotFound,
                    "no such index");
}

// --- the programs --------------------------------------------------------

std::string program(const std::string& name) {
  return (binary_dir() / "examples" / name).string();
}

// The counts of a report, for comparing the reports of two layouts.
std::string counts(const IndexReport& r) {
  return "added " + std::to_string(r.added) + ", replaced " + std::to_string(r.replaced) +
         ", unchanged " + std::to_string(r.unchanged) + ", removed " + std::to_string(r.removed) +
         ", kept " + std::to_string(r.kept) + ", rejected " + std::to_string(r.rejected.size());
}

std::string jsonl_line(const std::string& id, const std::string& body) {
  return R"({"id":")" + id + R"(","title":"Title )" + id + R"(","body":")" + body + "\"}\n";
}

TEST(OneWriter, OpensAPlainOrAShardedIndexAndReportsTheSame) {
  TempDir dir;
  const fs::path articles = dir / "articles";
  write_articles(articles, 9);
  write_file(articles / "lines.jsonl", jsonl_line("j1", "one") + jsonl_line("j2", "two"));
  // Made earlier; then opened by path alone, each as what it is.
  { IndexWriter made(dir / "plain"); }
  { IndexWriter made(dir / "sharded", {}, {.shards = 3}); }
  IndexWriter plain(dir / "plain");
  IndexWriter sharded(dir / "sharded");
  EXPECT_FALSE(plain.sharded());
  EXPECT_EQ(plain.shard_count(), 1u);
  EXPECT_TRUE(sharded.sharded());
  EXPECT_EQ(sharded.shard_count(), 3u);

  // Every run gives the same report in both layouts: a first run, a run
  // that replaces one document, drops a file and rejects a JSONL line
  // (its file's documents are kept from pruning), and add_all with a
  // duplicate id.
  const auto both = [&](const auto& run, const std::string& what) {
    const IndexReport a = run(plain);
    const IndexReport b = run(sharded);
    EXPECT_EQ(counts(a), counts(b)) << what;
    EXPECT_EQ(plain.ids(), sharded.ids()) << what;
    return a;
  };
  const IndexReport first =
      both([&](IndexWriter& w) { return w.index_paths({articles}); }, "first run");
  EXPECT_EQ(first.added, 11u) << counts(first);

  write_file(articles / "a1.txt", "Headline 1\nA rewritten body.\n");
  fs::remove(articles / "a2.txt");
  write_file(articles / "lines.jsonl", jsonl_line("j1", "one") + jsonl_line("j2", "tw\xff"));
  const IndexReport second =
      both([&](IndexWriter& w) { return w.index_paths({articles}, /*prune=*/true); }, "prune run");
  EXPECT_EQ(counts(second), "added 0, replaced 1, unchanged 8, removed 1, kept 1, rejected 1");

  const IndexReport third = both(
      [&](IndexWriter& w) {
        return w.add_all({Document{.id = "x", .paragraphs = {"First x."}},
                          Document{.id = "x", .paragraphs = {"Second x."}}});
      },
      "add_all");
  EXPECT_EQ(counts(third), "added 1, replaced 0, unchanged 0, removed 0, kept 0, rejected 1");
  EXPECT_NE(third.rejected[0].message().find("duplicate id \"x\""), std::string::npos)
      << third.rejected[0].message();
  // add_all commits: a reader sees the document without commit().
  EXPECT_EQ(Searcher(dir / "sharded").search("first").total, 1u);
  EXPECT_EQ(Searcher(dir / "sharded").document_count(), 11u);
}

std::uintmax_t folder_size(const fs::path& folder) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::directory_iterator(folder)) n += e.is_regular_file() ? e.file_size() : 0;
  return n;
}

TEST(OneWriter, CompactsEveryShardInPlaceWithTheSameResults) {
  TempDir dir;
  const auto docs = generated_corpus(300);
  IndexWriter writer(dir / "db", small_batches(), {.shards = 2});
  writer.add_all(docs);
  for (std::size_t i = 0; i < docs.size(); i += 3) writer.remove(docs[i].id);
  writer.commit();
  const auto cases = query_mix(docs, 2);
  std::vector<Results> before;
  {
    Searcher searcher(dir / "db");
    for (const QueryCase& c : cases) before.push_back(searcher.search(c.query, c.options));
  }
  std::vector<std::uintmax_t> sizes;
  for (const fs::path& shard : shard_paths(dir / "db")) sizes.push_back(folder_size(shard));
  writer.compact();
  EXPECT_EQ(writer.document_count(), 200u);
  EXPECT_EQ(writer.shard_count(), 2u);
  Searcher after(dir / "db");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    expect_same_results(before[i], after.search(cases[i].query, cases[i].options),
                        "after compaction: " + cases[i].query);
  }
  // Each shard was rewritten compactly, in place, and its work folder removed.
  const auto shards = shard_paths(dir / "db");
  for (std::size_t k = 0; k < shards.size(); ++k) {
    EXPECT_LT(folder_size(shards[k]), sizes[k]) << shards[k];
    EXPECT_FALSE(fs::exists(dir / "db" / (".shard-" + std::to_string(k) + ".sift-work")));
  }
  // Still the writer: a later add lands in its shard.
  writer.add(docs[0]);
  writer.commit();
  EXPECT_EQ(Searcher(dir / "db").document_count(), 201u);
}

TEST(ShardCli, SiftIndexShardsReindexCompactAndSiftSearchOverShards) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  RunResult r = run({program("sift-index"), "--db", db, "--shards", "3", "--threads", "2",
                     corpus_dir().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("index " + db + ": 5 documents"), std::string::npos) << r.out;
  EXPECT_EQ(shard_paths(db).size(), 3u);
  // Without --shards, an existing sharded folder is written as such.
  r = run({program("sift-index"), "--db", db, corpus_dir().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("unchanged 5"), std::string::npos) << r.out;
  r = run({program("sift-index"), "--db", db, "--shards", "2", corpus_dir().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("has 3 shards; cannot open it with 2 shards"), std::string::npos) << r.err;
  r = run({program("sift-index"), "--db", db, "--compact", (dir / "compact").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({program("sift-index"), "--db", db, "--compact"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("in place (3 shards): 5 documents"), std::string::npos) << r.out;
  r = run({program("sift-index"), "--db", db, "--compact", (dir / "c2").string(),
           corpus_dir().string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  r = run({program("sift-index"), "--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("PATH is required"), std::string::npos) << r.err;

  const auto shards = shard_paths(db);
  const RunResult whole = run({program("sift-search"), "--db", db, "--limit", "5", "ukraine"});
  const RunResult listed =
      run({program("sift-search"), "--db", shards[0].string(), "--db", shards[1].string(), "--db",
           shards[2].string(), "--limit", "5", "ukraine"});
  const RunResult compact =
      run({program("sift-search"), "--db", (dir / "compact").string(), "--limit", "5", "ukraine"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  const auto without_time = [](const std::string& s) { return s.substr(s.find('\n')); };
  EXPECT_EQ(without_time(whole.out), without_time(listed.out));
  EXPECT_EQ(without_time(whole.out), without_time(compact.out));
  EXPECT_NE(whole.out.find("5 results for \"ukraine\""), std::string::npos) << whole.out;
}

}  // namespace
}  // namespace sift::testing
