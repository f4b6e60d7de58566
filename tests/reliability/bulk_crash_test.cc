// SPDX-License-Identifier: GPL-2.0-or-later
// Crash safety of bulk builds and in-place compaction (issue #11 item 6): a
// child process builds an index in bulk, or compacts one in place, and the
// test kills it with SIGKILL at a random moment of the run (from its start
// to half again the time an uninterrupted run takes), then checks that
// the index opens, xapian-check finds no error, it holds exactly the
// documents of one state (before or after: a bulk build is all or
// nothing, a compaction changes no document), and that the next writer
// removes the work folder and goes on.
//
// Runs: SIFT_BULK_CRASH_RUNS of each kind (default 20).  The figures are
// printed as "[reliability] ..." lines.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "index/bulk_helpers.h"
#include "reliability_util.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kDocuments = 1500;

int runs() {
  const char* env = std::getenv("SIFT_BULK_CRASH_RUNS");
  return env ? std::max(1, std::atoi(env)) : 20;
}

fs::path work_folder(const fs::path& index) {
  return index.parent_path() / ("." + index.filename().string() + ".sift-work");
}

// Runs `work` in a child; kills it with SIGKILL after `delay` unless it
// ended first.  @return true if the child finished on its own (exit 0).
bool run_child(const std::function<void()>& work, std::chrono::microseconds delay) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    try {
      work();
    } catch (...) {
      ::_exit(2);
    }
    ::_exit(0);
  }
  const auto deadline = Clock::now() + delay;
  int status = 0;
  while (Clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Checks the index after a kill: it opens, passes xapian-check, and holds
// one of `states`; then a writer removes the work folder.  @return the
// index of the state found.
std::size_t check_after_kill(const fs::path& index,
                             const std::vector<std::set<std::string>>& states,
                             bool& left_work_folder) {
  std::string output;
  EXPECT_EQ(reliability::xapian_check(index, &output), 0) << output;
  const std::set<std::string> ids = reliability::stored_ids(index);
  std::size_t found = states.size();
  for (std::size_t s = 0; s < states.size(); ++s) {
    if (ids == states[s]) found = s;
  }
  EXPECT_LT(found, states.size()) << "the index holds " << ids.size()
                                  << " documents, which is no state it was ever in";
  left_work_folder = fs::exists(work_folder(index));
  {
    IndexWriter writer(index);
    EXPECT_FALSE(fs::exists(work_folder(index)));
    EXPECT_EQ(writer.document_count(), ids.size());
  }
  EXPECT_EQ(reliability::xapian_check(index, &output), 0) << output;
  return found;
}

TEST(ReliabilityBulkCrash, SigkillDuringABulkBuildLeavesTheOldIndexOrTheNew) {
  testing::TempDir tmp;
  const fs::path corpus = tmp / "news.jsonl";
  testing::write_generated_corpus(corpus, kDocuments);
  std::set<std::string> all;
  for (std::size_t i = 0; i < kDocuments; ++i) all.insert("g" + std::to_string(i));
  const auto build = [&](const fs::path& index) {
    IndexOptions options;
    options.bulk_threads = 2;
    options.bulk_memory_mb = 4;  // Several batches per worker.
    IndexWriter(index, options).index_paths({corpus});
  };
  // An empty index made beforehand: the kills are for the build, not the
  // creation (reliability_crash_test kills creations).
  const auto fresh_empty = [&](const fs::path& index) {
    fs::remove_all(index);
    IndexWriter(index).commit();
  };
  const fs::path index = tmp / "index";
  fresh_empty(index);
  const auto start = Clock::now();
  ASSERT_TRUE(run_child([&] { build(index); }, std::chrono::seconds(300)));
  const double full = seconds_since(start);
  ASSERT_EQ(reliability::stored_ids(index), all);

  std::mt19937 rng(20261203);
  int before = 0, after = 0, work_left = 0;
  for (int run = 0; run < runs(); ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    fresh_empty(index);
    const auto delay = std::chrono::microseconds(
        static_cast<long>(full * 1.5e6 * std::uniform_real_distribution<>(0, 1)(rng)));
    run_child([&] { build(index); }, delay);
    bool left = false;
    const std::size_t state = check_after_kill(index, {{}, all}, left);
    (state == 0 ? before : after) += 1;
    work_left += left;
  }
  reliability::report(
      "bulk build killed (SIGKILL)",
      std::to_string(runs()) + " runs of " + std::to_string(kDocuments) + " documents (" +
          std::to_string(full).substr(0, 4) + " s uninterrupted): " + std::to_string(before) +
          " left the empty index, " + std::to_string(after) + " the complete one, " +
          std::to_string(work_left) + " a work folder (removed by the next writer)");
}

TEST(ReliabilityBulkCrash, SigkillDuringCompactionLeavesTheSameDocuments) {
  testing::TempDir tmp;
  const fs::path corpus = tmp / "news.jsonl";
  testing::write_generated_corpus(corpus, kDocuments);
  const fs::path original = tmp / "original";
  {
    IndexOptions options;
    options.bulk_build = false;  // Many commits: much for compaction to do.
    IndexWriter(original, options).index_paths({corpus});
  }
  const std::set<std::string> all = reliability::stored_ids(original);
  ASSERT_EQ(all.size(), kDocuments);
  const fs::path index = tmp / "index";
  const auto fresh_copy = [&] {
    fs::remove_all(index);
    fs::copy(original, index);
  };
  fresh_copy();
  const auto start = Clock::now();
  ASSERT_TRUE(run_child([&] { IndexWriter(index).compact(); }, std::chrono::seconds(300)));
  const double full = seconds_since(start);

  const std::string old_uuid = Xapian::Database(original.string()).get_uuid();
  std::mt19937 rng(20261204);
  int work_left = 0, finished = 0, compacted = 0;
  for (int run = 0; run < runs(); ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    fresh_copy();
    const auto delay = std::chrono::microseconds(
        static_cast<long>(full * 1.5e6 * std::uniform_real_distribution<>(0, 1)(rng)));
    finished += run_child([&] { IndexWriter(index).compact(); }, delay);
    // The copy keeps the original's UUID; the compactor's output has its own.
    compacted += Xapian::Database(index.string()).get_uuid() != old_uuid;
    bool left = false;
    check_after_kill(index, {all}, left);
    work_left += left;
  }
  reliability::report("in-place compaction killed (SIGKILL)",
                      std::to_string(runs()) + " runs (" + std::to_string(full).substr(0, 4) +
                          " s uninterrupted): every index opened, passed xapian-check and held "
                          "its " +
                          std::to_string(kDocuments) + " documents; " +
                          std::to_string(runs() - compacted) + " were still the old index, " +
                          std::to_string(compacted) + " the compacted one; " +
                          std::to_string(work_left) + " left a work folder, " +
                          std::to_string(finished) + " finished before the kill");
}

}  // namespace
}  // namespace sift
