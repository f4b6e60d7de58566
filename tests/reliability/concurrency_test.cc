// SPDX-License-Identifier: GPL-2.0-or-later
// Concurrency (issue item 4): one writer commits every few documents while
// reader threads, each with its own Searcher, search without pause.  No
// exception other than sift::Error may escape, no stale-handle error may
// reach a caller, every hit's stored data must match its id, and a
// document committed before a search starts must be found by it.  A second
// writer process gets Locked within its lock_timeout, never waits forever,
// and gets the lock once the first writer closes.  Run under TSan too
// (scripts/sanitize.sh thread).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "reliability_util.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string id_of(int k) {
  return "d" + std::to_string(k);
}

Document numbered_doc(int k) {
  // "marker<k>" finds exactly this document; the title carries the number
  // so a hit's stored data can be checked against its id.
  return reliability::make_doc(id_of(k),
                               "document number " + std::to_string(k) + " marker" +
                                   std::to_string(k) + " shared words every document has",
                               "Title " + std::to_string(k));
}

TEST(ReliabilityConcurrency, ReadersSearchWhileTheWriterCommits) {
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  const int kDocuments = 600;
  const int kPerCommit = 10;
  const int kReaders = 4;
  {
    IndexWriter writer(index);  // readers need an index to open
    writer.add(numbered_doc(0));
    writer.commit();
  }
  std::atomic<int> committed{1};  // documents d0 .. d(committed-1) are committed
  std::atomic<bool> done{false};
  std::atomic<long> searches{0};
  std::atomic<long> hits_checked{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  const auto fail = [&](const std::string& what) {
    std::lock_guard lock(failures_mutex);
    if (failures.size() < 20) failures.push_back(what);
  };

  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t));
      try {
        Searcher searcher(index);
        while (!done.load()) {
          const int known = committed.load();
          const int k = static_cast<int>(rng() % static_cast<unsigned>(known));
          const bool broad = rng() % 2 == 0;
          SearchOptions options;
          options.limit = 20;
          options.sort = rng() % 3 == 0 ? SortOrder::Date : SortOrder::Relevance;
          try {
            const Results r = searcher.search(
                broad ? std::string("shared words") : "marker" + std::to_string(k), options);
            ++searches;
            for (const Hit& hit : r.hits) {
              ++hits_checked;
              if (hit.title != "Title " + hit.id.substr(1)) {
                fail("hit " + hit.id + " has the stored title '" + hit.title + "'");
              }
            }
            if (!broad && (r.hits.size() != 1 || r.hits[0].id != id_of(k))) {
              fail("marker" + std::to_string(k) + ", committed before the search, found " +
                   std::to_string(r.hits.size()) + " hits");
            }
            if (broad && r.total < static_cast<std::size_t>(known)) {
              fail("a broad search counted " + std::to_string(r.total) + " of " +
                   std::to_string(known) + " committed documents");
            }
          } catch (const Error& e) {
            fail(std::string("search threw ") + std::string(to_string(e.code())) + ": " + e.what());
          }
        }
      } catch (const Error& e) {
        fail(std::string("reader threw ") + e.what());
      } catch (const std::exception& e) {
        fail(std::string("a non-sift exception escaped: ") + e.what());
      } catch (...) {
        fail("an unknown exception escaped");
      }
    });
  }

  int commits = 0;
  {
    IndexOptions options;
    options.batch_size = 0;
    IndexWriter writer(index, options);
    for (int k = 1; k < kDocuments; ++k) {
      writer.add(numbered_doc(k));
      if (k % kPerCommit == kPerCommit - 1 || k == kDocuments - 1) {
        writer.commit();
        ++commits;
        committed.store(k + 1);
        // Let the readers run a little between commits.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  done.store(true);
  for (std::thread& reader : readers) reader.join();

  for (const std::string& failure : failures) ADD_FAILURE() << failure;
  EXPECT_GT(searches.load(), kReaders * 10);
  // Nothing lost: every committed document is there.
  EXPECT_EQ(reliability::stored_ids(index).size(), static_cast<std::size_t>(kDocuments));
  reliability::report("concurrency", std::to_string(kReaders) + " reader threads ran " +
                                         std::to_string(searches.load()) + " searches (" +
                                         std::to_string(hits_checked.load()) +
                                         " hits checked against their ids) " + "during " +
                                         std::to_string(commits) + " commits; " +
                                         std::to_string(failures.size()) + " errors");
}

// Tries to open a writer in a child process.  @return "opened", or the
// error code and message, and the time the attempt took in `seconds`.
std::string second_writer(const fs::path& index, std::chrono::milliseconds timeout,
                          double& seconds) {
  const reliability::Measured m = reliability::measure(
      [&] {
        IndexOptions options;
        options.lock_timeout = timeout;
        try {
          IndexWriter writer(index, options);
          return std::string("opened");
        } catch (const Error& e) {
          return std::string(to_string(e.code())) + ": " + e.what();
        }
      },
      60);
  seconds = m.seconds;
  return m.finished ? m.outcome : m.failure;
}

TEST(ReliabilityConcurrency, SecondWriterProcessGetsLockedWithinItsTimeout) {
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  std::optional<IndexWriter> first(std::in_place, index);
  first->add(numbered_doc(1));
  first->commit();

  double seconds = 0;
  std::string outcome = second_writer(index, std::chrono::milliseconds(0), seconds);
  EXPECT_EQ(outcome, "Locked: " + index.string() + ": index is locked by another writer");
  EXPECT_LT(seconds, 1.0 * reliability::sanitizer_factor());
  reliability::report("second writer, lock_timeout 0",
                      outcome + " after " + std::to_string(seconds) + " s");

  outcome = second_writer(index, std::chrono::milliseconds(500), seconds);
  EXPECT_TRUE(outcome.starts_with("Locked: ")) << outcome;
  EXPECT_GE(seconds, 0.5);
  EXPECT_LT(seconds, 0.5 + 1.0 * reliability::sanitizer_factor());
  reliability::report("second writer, lock_timeout 500 ms",
                      "Locked after " + std::to_string(seconds) + " s");

  // A writer that waits gets the lock once the first one closes.
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    first.reset();
  });
  outcome = second_writer(index, std::chrono::milliseconds(10'000), seconds);
  closer.join();
  EXPECT_EQ(outcome, "opened");
  EXPECT_LT(seconds, 5.0);
  reliability::report("second writer, lock_timeout 10 s, first closes after 0.3 s",
                      outcome + " after " + std::to_string(seconds) + " s");
  // Nothing lost.
  EXPECT_EQ(reliability::stored_ids(index), std::set<std::string>{"d1"});
}

}  // namespace
}  // namespace sift
