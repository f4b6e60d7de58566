// SPDX-License-Identifier: GPL-2.0-or-later
// Remote shards on xapian-tcpsrv (127.0.0.1, free ports): the same results
// and spelling suggestions as one local index, then a shard that stops answering (SIGSTOP) and one
// that is gone (killed): a named error within the caller's timeout, or
// partial results with a warning naming the shard; never a hang or SIGPIPE.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <memory>

#include "shard_fixtures.h"
#include "sift/sift.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kShards = 3;

// One index and the same documents in kShards shards, built once.
class RemoteShards : public ::testing::Test {
 protected:
  // corpus/ and 1,500 generated documents.
  static std::vector<Document> documents() {
    auto docs = corpus_documents();
    auto more = generated_corpus(1500);
    docs.insert(docs.end(), more.begin(), more.end());
    return docs;
  }

  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto docs = documents();
    const fs::path synonyms = corpus_dir() / "synonyms.txt";
    IndexWriter one(*dir_ / "one");
    for (const Document& d : docs) one.add(d);
    one.load_synonyms(synonyms);
    IndexWriter sharded(*dir_ / "sharded", {}, {.shards = kShards});
    sharded.add_all(docs);
    sharded.load_synonyms(synonyms);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    // The default disposition: a SIGPIPE that reached this process would
    // kill it, and fail the test.
    ::signal(SIGPIPE, SIG_DFL);
    for (const fs::path& shard : shard_paths(*dir_ / "sharded")) {
      servers_.push_back(std::make_unique<TcpServer>(shard));
    }
  }

  std::vector<std::string> addresses() const {
    std::vector<std::string> out;
    for (const auto& s : servers_) out.push_back(s->address());
    return out;
  }

  static SearcherOptions with_timeout(bool partial) {
    SearcherOptions o;
    o.remote_timeout = milliseconds(500);
    o.allow_partial = partial;
    return o;
  }

  static TempDir* dir_;
  std::vector<std::unique_ptr<TcpServer>> servers_;  // Killed by their destructors.
};

TempDir* RemoteShards::dir_ = nullptr;

TEST_F(RemoteShards, SameResultsAsOneLocalIndex) {
  Searcher local(*dir_ / "one");
  Searcher remote(addresses(), with_timeout(false));
  EXPECT_EQ(remote.document_count(), local.document_count());
  std::size_t compared = 0;
  for (const QueryCase& c : query_mix(corpus_documents(), 4)) {
    // Suggestions included: from the index's words (search/spelling/index_speller.h).
    expect_same_results(local.search(c.query, c.options), remote.search(c.query, c.options),
                        c.label + ": " + c.query);
    ++compared;
  }
  EXPECT_GE(compared, 40u);
  // Synonyms come through the first shard's metadata.
  EXPECT_EQ(remote.search("kiev").explanation.expansions,
            local.search("kiev").explanation.expansions);
  // A stub file may list remote shards too.
  std::string stub;
  for (const auto& s : servers_) stub += "remote 127.0.0.1:" + std::to_string(s->port()) + "\n";
  write_file(*dir_ / "remote.stub", stub);
  Searcher via_stub(*dir_ / "remote.stub", with_timeout(false));
  expect_same_results(local.search("ukraine"), via_stub.search("ukraine"), "stub");
}

// Remote shards serve no spelling table: suggestions come from the index's
// words (search/spelling/index_speller.h), and agree with Xapian's corrector over one
// local index except where they rank candidates differently (printed).
TEST_F(RemoteShards, MisspellingsGetTheSuggestionsOfOneLocalIndex) {
  Searcher local(*dir_ / "one");
  Searcher remote(addresses(), with_timeout(false));
  // The mix's misspellings (a transposition), and four other edits of its
  // words of 6+ letters, after the first letter (the index-words speller
  // looks only at words with the same first letter).
  std::vector<std::string> queries;
  for (const QueryCase& c : query_mix(documents(), 100)) {
    if (c.label == "misspelling") queries.push_back(c.query);
    if (c.label != "word" || c.query.size() < 6) continue;
    const std::string& w = c.query;
    const std::size_t k = 1 + w.size() / 2;
    queries.push_back(w.substr(0, k) + w.substr(k + 1));     // deletion
    queries.push_back(w.substr(0, k) + w[k] + w.substr(k));  // insertion
    queries.push_back(w.substr(0, k) + (w[k] == 'e' ? 'a' : 'e') +
                      w.substr(k + 1));  // substitution
    queries.push_back(w.substr(0, 2) + w.substr(3, 2) + w.substr(2, 1) + w.substr(5));  // two edits
  }
  std::size_t suggested = 0, same = 0;
  for (const std::string& q : queries) {
    const auto a = local.search(q).suggestion;
    const auto b = remote.search(q).suggestion;
    suggested += a ? 1 : 0;
    if (a == b) {
      ++same;
    } else {
      std::printf("differs: %s -> local %s, remote %s\n", q.c_str(), a ? a->c_str() : "(none)",
                  b ? b->c_str() : "(none)");
    }
  }
  std::printf("misspellings: %zu, suggested over one local index: %zu, same over remote: %zu\n",
              queries.size(), suggested, same);
  // Measured: all 332 agree, 318 of them with a suggestion.
  EXPECT_EQ(queries.size(), 332u);
  EXPECT_EQ(same, queries.size());
  EXPECT_GE(suggested, 300u);
}

TEST_F(RemoteShards, AStoppedShardFailsWithinTheTimeoutNamingIt) {
  Searcher remote(addresses(), with_timeout(false));
  ASSERT_GT(remote.search("ukraine").total, 0u);
  servers_[1]->pause();
  const auto start = Clock::now();
  EXPECT_SIFT_ERROR(remote.search("nato"), ErrorCode::Network,
                    "shard " + servers_[1]->address() + " did not answer within 500 ms");
  // The match times out once, then the shards are probed in parallel.
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  servers_[1]->resume();
  EXPECT_GT(remote.search("nato").total, 0u);  // It answers again.
}

TEST_F(RemoteShards, PartialResultsLeaveOutAStoppedShardWithAWarning) {
  Searcher remote(addresses(), with_timeout(true));
  SearchOptions all;
  all.limit = 1000;
  const Results full = remote.search("stoltenberg OR zelensky", all);
  ASSERT_LT(full.total, all.limit);  // Every match on the page, for the count below.
  servers_[2]->pause();
  const auto start = Clock::now();
  const Results part = remote.search("stoltenberg OR zelensky", all);
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  ASSERT_EQ(part.warnings.size(), 1u);
  EXPECT_EQ(part.warnings[0], "shard " + servers_[2]->address() +
                                  " did not answer within 500 ms; results are from the other 2 "
                                  "of 3 shards");
  EXPECT_LT(part.total, full.total);
  EXPECT_GT(part.total, 0u);
  for (const Hit& hit : part.hits) EXPECT_NE(shard_of(hit.id, kShards), 2u) << hit.id;
  std::size_t expected = 0;
  for (const Hit& hit : full.hits) expected += shard_of(hit.id, kShards) != 2 ? 1 : 0;
  EXPECT_EQ(part.hits.size(), expected);
  servers_[2]->resume();
  const Results again = remote.search("stoltenberg OR zelensky", all);
  EXPECT_TRUE(again.warnings.empty());
  EXPECT_EQ(again.total, full.total);
}

TEST_F(RemoteShards, AKilledShardFailsOrIsLeftOutAndNoSigpipeKillsUs) {
  Searcher strict(addresses(), with_timeout(false));
  Searcher partial(addresses(), with_timeout(true));
  ASSERT_GT(strict.search("ukraine").total, 0u);
  ASSERT_GT(partial.search("ukraine").total, 0u);
  servers_[0]->kill();  // Established connections now end in RST/EPIPE.
  for (int i = 0; i < 3; ++i) {
    EXPECT_SIFT_ERROR(strict.search("ukraine"), ErrorCode::Network,
                      "shard " + servers_[0]->address() + " is unreachable");
    const Results r = partial.search("ukraine");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("shard " + servers_[0]->address() +
                                 " is unreachable (Connection refused); results are from the "
                                 "other 2 of 3 shards"),
              std::string::npos)
        << r.warnings[0];
  }
  // Opening with the shard down: an error naming it, or a warning.
  EXPECT_SIFT_ERROR(Searcher s(addresses(), with_timeout(false)), ErrorCode::Network,
                    servers_[0]->address());
  Searcher late(addresses(), with_timeout(true));
  EXPECT_EQ(late.search("ukraine").warnings.size(), 1u);
}

TEST_F(RemoteShards, SiftSearchNamesTheShardAndExitsWithThree) {
  servers_[1]->pause();
  const std::string program = (binary_dir() / "examples" / "sift-search").string();
  std::vector<std::string> args = {program, "--timeout", "300"};
  for (const auto& a : addresses()) {
    args.push_back("--db");
    args.push_back(a);
  }
  args.push_back("ukraine");
  RunResult r = run(args);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("shard " + servers_[1]->address() + " did not answer within 300 ms"),
            std::string::npos)
      << r.err;
  args.insert(args.begin() + 1, "--partial");
  r = run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("warning: shard " + servers_[1]->address()), std::string::npos) << r.out;
}

// Keyword facets over remote shards: single-valued fields (stock Xapian
// spies) count as locally, multi-select included; the tags facet needs a
// spy xapian-tcpsrv cannot run, so it is left out with a warning, never
// shown wrong.
TEST(RemoteKeywordFields, FacetsAsLocallyButTagsAreLeftOutWithAWarning) {
  TempDir dir;
  std::vector<Document> docs;
  for (int i = 0; i < 12; ++i) {
    docs.push_back({.id = "d" + std::to_string(i),
                    .paragraphs = {"grain prices"},
                    .source = i % 3 == 0 ? "BBC" : "AP",
                    .author = i % 2 ? "Ann Lee" : "Bo Chen",
                    .tags = {i % 4 == 0 ? "trade" : "climate"}});
  }
  IndexWriter one(dir / "one");
  for (const Document& d : docs) one.add(d);
  one.commit();
  {
    IndexWriter sharded(dir / "sharded", {}, {.shards = 2});
    sharded.add_all(docs);
  }
  std::vector<std::unique_ptr<TcpServer>> servers;
  std::vector<std::string> addresses;
  for (const fs::path& shard : shard_paths(dir / "sharded")) {
    servers.push_back(std::make_unique<TcpServer>(shard));
    addresses.push_back(servers.back()->address());
  }
  Searcher local(dir / "one");
  Searcher remote(addresses);
  SearchOptions o;
  o.filters = {{field::kSource, "BBC"}};
  const Results a = local.search("grain", o);
  const Results b = remote.search("grain", o);
  EXPECT_EQ(b.total, a.total);
  EXPECT_EQ(b.facets.at(field::kSource), a.facets.at(field::kSource));  // multi-select
  EXPECT_EQ(b.facets.at(field::kSource).size(), 2u);
  EXPECT_EQ(b.facets.at(field::kAuthor), a.facets.at(field::kAuthor));
  EXPECT_FALSE(a.facets.at(field::kTags).empty());
  EXPECT_FALSE(b.facets.contains(field::kTags));
  EXPECT_EQ(b.warnings,
            std::vector<std::string>{"the tags facet is not counted over remote shards"});
}

}  // namespace
}  // namespace sift::testing
