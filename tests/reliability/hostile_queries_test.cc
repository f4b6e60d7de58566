// SPDX-License-Identifier: GPL-2.0-or-later
// Hostile queries (issue item 6): each is rejected fast with a clear
// message (sift::Error BadQuery) or runs with bounded work.  Every query
// runs in a child process (reliability::measure), so a crash or a stack
// overflow fails the test instead of ending it, and its time and memory
// are printed as "[reliability] ..." lines for docs/RELIABILITY.md.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "reliability_util.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using reliability::Measured;

constexpr int kDocuments = 3000;

// An index of kDocuments documents: each has the word "common", its own
// word "a<k>" (so a* has thousands of expansions) and words drawn from a
// vocabulary of 400 ("w<i>").
class ReliabilityHostileQueries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new testing::TempDir;
    IndexOptions options;
    options.batch_size = 0;
    IndexWriter writer(index(), options);
    std::mt19937 rng(3);
    for (int k = 0; k < kDocuments; ++k) {
      std::string text = "common a" + std::to_string(k);
      for (int i = 0; i < 40; ++i) text += " w" + std::to_string(rng() % 400);
      Document doc = reliability::make_doc("d" + std::to_string(k), text);
      doc.date = "2024-01-" + std::string(k % 28 < 9 ? "0" : "") + std::to_string(k % 28 + 1);
      writer.add(doc);
    }
    writer.commit();
  }
  static void TearDownTestSuite() {
    delete tmp_;
    tmp_ = nullptr;
  }
  static fs::path index() { return tmp_->path() / "index"; }

  void TearDown() override {
    // Nothing lost, whatever was asked.
    EXPECT_EQ(reliability::stored_ids(index()).size(), static_cast<std::size_t>(kDocuments));
  }

  // Runs `query` in a child.  @return "ok <hits> <total> [cut short]
  // [warnings...]" or "BadQuery: message" (other codes too).
  static Measured run(const std::string& query, const SearchOptions& options = {}) {
    return reliability::measure(
        [&] {
          try {
            Searcher searcher(index());
            const Results r = searcher.search(query, options);
            std::string out = "ok " + std::to_string(r.hits.size()) + " " +
                              std::to_string(r.total) + (r.cut_short ? " cut short" : "");
            for (const std::string& w : r.warnings) out += " [" + w + "]";
            return out;
          } catch (const Error& e) {
            return std::string(to_string(e.code())) + ": " + e.what();
          }
        },
        60 * reliability::sanitizer_factor());
  }

  // Expects a fast BadQuery whose (short) message contains `part`.
  static void expect_rejected(const std::string& name, const std::string& query,
                              const std::string& part) {
    const Measured m = run(query);
    reliability::report(name, m);
    ASSERT_TRUE(m.finished) << name << ": " << m.failure;
    EXPECT_TRUE(m.outcome.starts_with("BadQuery: ")) << name << ": " << m.outcome;
    EXPECT_NE(m.outcome.find(part), std::string::npos) << name << ": " << m.outcome;
    EXPECT_LT(m.outcome.size(), 300u) << name << ": the message echoes the query";
    EXPECT_LT(m.seconds, 0.5 * reliability::sanitizer_factor()) << name;
    EXPECT_LT(m.extra_mb, 100 * reliability::sanitizer_factor()) << name;
  }

  // Expects the query to run (or be rejected) within `seconds`.
  static Measured expect_bounded(const std::string& name, const std::string& query, double seconds,
                                 const SearchOptions& options = {}) {
    const Measured m = run(query, options);
    reliability::report(name, m);
    EXPECT_TRUE(m.finished) << name << ": " << m.failure;
    EXPECT_TRUE(m.outcome.starts_with("ok ") || m.outcome.starts_with("BadQuery: "))
        << name << ": " << m.outcome;
    EXPECT_LT(m.seconds, seconds * reliability::sanitizer_factor()) << name;
    EXPECT_LT(m.extra_mb, 200 * reliability::sanitizer_factor()) << name;
    return m;
  }

  static testing::TempDir* tmp_;
};

testing::TempDir* ReliabilityHostileQueries::tmp_ = nullptr;

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_F(ReliabilityHostileQueries, HundredThousandTermsAreRejected) {
  std::string words;
  for (int i = 0; i < 100'000; ++i) words += "w" + std::to_string(i % 400) + " ";
  expect_rejected("100,000 terms", words, "the limit is 65536");
  // Fewer bytes, still too many terms after analysis.
  expect_rejected("5,000 terms in 20 KB", repeat("w1 w2 ", 2500), "more than 1024 terms");
  expect_rejected("5,000 ORs", "w1" + repeat(" OR w2", 5000), "more than 1024 terms");
  expect_rejected("a 4,000-word phrase", "\"" + repeat("w3 ", 4000) + "\"", "more than 1024 terms");
}

TEST_F(ReliabilityHostileQueries, TenMegabyteQueryIsRejected) {
  expect_rejected("a 10 MB query", std::string(10 << 20, 'x'), "the limit is 65536");
}

TEST_F(ReliabilityHostileQueries, NulBytesAreRejected) {
  // Found by fuzz_query_parser (tests/fuzz/crashers/query_parser/): a NUL
  // byte was searched as a separator and echoed into a warning.
  expect_rejected("a query with NUL bytes", std::string("date:2024\0\0 y", 14),
                  "query has a NUL byte (byte 9)");
}

TEST_F(ReliabilityHostileQueries, DeepNestingIsRejected) {
  expect_rejected("100,000 nested parentheses",
                  std::string(100'000, '(') + "common" + std::string(100'000, ')'),
                  "the limit is 65536");
  expect_rejected("10,000 nested parentheses",
                  std::string(10'000, '(') + "common" + std::string(10'000, ')'), "deeper than 64");
  expect_rejected("10,000 unclosed parentheses", std::string(10'000, '(') + "common",
                  "deeper than 64");
}

TEST_F(ReliabilityHostileQueries, LongChainsOfPrefixOperatorsAreBounded) {
  // Operators that recurse once per token must be bounded like
  // parentheses, or a 64 KB query overflows the stack.
  expect_bounded("16,000 NOTs", repeat("NOT ", 16'000) + "common", 1);
  expect_bounded("60,000 minus signs", repeat("-", 60'000) + "common", 1);
  expect_bounded("60,000 plus signs", repeat("+", 60'000) + "common", 1);
  expect_bounded("8,000 NEARs", "w1" + repeat(" NEAR w2", 8'000), 2);
  expect_bounded("30,000 quotes", repeat("\" ", 30'000) + "common", 1);
}

TEST_F(ReliabilityHostileQueries, WildcardsAreCappedOrRejected) {
  expect_rejected("a* (3,000 expansions)", "a*", "matches more than 1000 terms");
  const Measured star = expect_bounded("*", "*", 1);
  const Measured leading = expect_bounded("leading wildcard *1", "*1", 1);
  const Measured inner = expect_bounded("w*1*", "w*1*", 1);
  const Measured few = expect_bounded("a299* (11 expansions)", "a299*", 1);
  EXPECT_EQ(few.outcome.substr(0, 8), "ok 10 11") << few.outcome;
  (void)star;
  (void)leading;
  (void)inner;
}

TEST_F(ReliabilityHostileQueries, HugeOffsetsAndLimitsAreCapped) {
  SearchOptions options;
  options.offset = 1'000'000'000;
  options.limit = 1'000'000'000;
  const Measured m = expect_bounded("offset and limit 10^9", "common", 2, options);
  EXPECT_NE(m.outcome.find("offset 1000000000 is over the maximum 100000; used 100000"),
            std::string::npos)
      << m.outcome;
  EXPECT_NE(m.outcome.find("limit 1000000000 is over the maximum 1000; used 1000"),
            std::string::npos)
      << m.outcome;
  EXPECT_TRUE(m.outcome.starts_with("ok 0 3000")) << m.outcome;
}

TEST_F(ReliabilityHostileQueries, DeadlineCutsALongMatchShortAndSaysSo) {
  // An OR of the whole vocabulary, sorted by relevance with facets (which
  // look at every match): the most work one query can ask of this index.
  std::string broad = "w0";
  for (int i = 1; i < 400; ++i) broad += " OR w" + std::to_string(i);
  const Measured full = expect_bounded("400-word OR, no deadline", broad, 10);
  EXPECT_EQ(full.outcome.find("cut short"), std::string::npos) << full.outcome;

  SearchOptions options;
  options.deadline = std::chrono::milliseconds(1);
  const Measured cut = expect_bounded("400-word OR, deadline 1 ms", broad, 10, options);
  EXPECT_NE(cut.outcome.find("cut short [cut short by the deadline of 1 ms"), std::string::npos)
      << cut.outcome;
  EXPECT_TRUE(cut.outcome.starts_with("ok 10 ")) << cut.outcome;
}

}  // namespace
}  // namespace sift
