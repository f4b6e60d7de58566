// SPDX-License-Identifier: GPL-2.0-or-later
// Crash consistency (issue items 3 and 8): a child process indexes batch
// after batch and reports each commit only after IndexWriter::commit()
// returns; the test kills it with SIGKILL at a random moment, then checks
// that the index opens, xapian-check finds no error, every document
// reported committed is there by its id, the documents are exactly those
// of one committed state (never half a batch, and a replaced document has
// the content of that same state), and that a new writer continues.
//
// Runs: SIFT_CRASH_RUNS (default 60).  Every 6th run starts a fresh index
// and kills early, so kills land during the index's creation and first
// commit too.  The figures are printed as "[reliability] ..." lines.

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/format/layout.h"
#include "index/format/record.h"
#include "reliability_util.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 40;  // new documents per commit

int crash_runs() {
  const char* env = std::getenv("SIFT_CRASH_RUNS");
  return env ? std::max(1, std::atoi(env)) : 60;
}

// The ids a run adds in batch `b`.
std::vector<std::string> batch_ids(int run, int b) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kBatch; ++i) {
    ids.push_back("r" + std::to_string(run) + "-b" + std::to_string(b) + "-d" + std::to_string(i));
  }
  return ids;
}

// The document every batch after the first rewrites, so a crash between
// its old and new version would show.
std::string versioned_id(int run) {
  return "r" + std::to_string(run) + "-b0-d0";
}

// The child: opens a writer and commits batches until it is killed,
// writing "begin B\n" before and "done B\n" after each commit() returns.
[[noreturn]] void index_until_killed(const fs::path& index, int run, int report_fd) {
  const auto say = [&](const std::string& line) {
    if (::write(report_fd, line.data(), line.size()) < 0) ::_exit(3);
  };
  try {
    IndexOptions options;
    options.batch_size = 0;  // commit only when told, so batches are exact
    options.lock_timeout = std::chrono::milliseconds(5000);
    IndexWriter writer(index, options);
    say("open\n");
    for (int b = 0;; ++b) {
      for (const std::string& id : batch_ids(run, b)) {
        writer.add(reliability::make_doc(id, "crash test run " + std::to_string(run) + " batch " +
                                                 std::to_string(b) + " document " + id));
      }
      if (b > 0) {
        writer.add(reliability::make_doc(versioned_id(run), "version " + std::to_string(b)));
      }
      say("begin " + std::to_string(b) + "\n");
      writer.commit();
      say("done " + std::to_string(b) + "\n");
    }
  } catch (const std::exception& e) {
    say(std::string("error ") + e.what() + "\n");
    ::_exit(2);
  }
}

// What the parent saw of a child before it killed it.
struct Observed {
  bool opened = false;
  int last_done = -1;      // last batch whose commit() returned
  bool in_commit = false;  // killed between "begin" and "done"
  std::string error;       // an "error ..." line, if any
};

// Starts the child, lets it open the index (if `wait_open`) and commit
// `commits` batches (or fewer, if it fails), waits `delay` more, then
// kills it with SIGKILL.
Observed run_and_kill(const fs::path& index, int run, bool wait_open, int commits,
                      std::chrono::microseconds delay) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    index_until_killed(index, run, fds[1]);
  }
  ::close(fds[1]);
  Observed seen;
  std::string pending;
  const auto handle = [&](const std::string& line) {
    if (line == "open") seen.opened = true;
    if (line.starts_with("begin ")) seen.in_commit = true;
    if (line.starts_with("done ")) {
      seen.in_commit = false;
      seen.last_done = std::stoi(line.substr(5));
    }
    if (line.starts_with("error ")) seen.error = line;
  };
  const auto read_some = [&](int timeout_ms) {
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(n));
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      handle(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
    return true;
  };
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while ((seen.last_done + 1 < commits || (wait_open && !seen.opened)) && seen.error.empty() &&
         Clock::now() < give_up) {
    if (!read_some(100) && ::waitpid(pid, nullptr, WNOHANG) == pid) break;
  }
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  // Lines the child wrote before it died still count (a "done" written
  // just before the kill is a commit that returned).
  while (read_some(0)) {
  }
  ::close(fds[0]);
  return seen;
}

// The "text" stored for `id`, read with plain Xapian, or "" if absent.
std::string stored_text(const Xapian::Database& db, const std::string& id) {
  Xapian::PostingIterator it = db.postlist_begin("Q" + id);
  if (it == db.postlist_end("Q" + id)) return {};
  const auto body = format::decode_body(format::body_bytes(db.get_document(*it)));
  return body ? body->text : "(damaged body)";
}

TEST(ReliabilityCrashConsistency, SigkillAtRandomMomentsLosesNoCommittedState) {
  testing::TempDir tmp;
  std::mt19937 rng(20241126);
  const int runs = crash_runs();
  int kills = 0;
  int kills_in_commit = 0;
  int kills_before_first_commit = 0;
  std::size_t checked_documents = 0;
  double longest_reopen_ms = 0;

  fs::path index;
  std::set<std::string> committed;  // every id committed so far in `index`
  for (int run = 0; run < runs; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    const bool fresh = run % 6 == 0;
    if (fresh) {
      index = tmp / ("index" + std::to_string(run));
      committed.clear();
    }
    // Fresh indexes are killed early, once created: in their first batch
    // or its commit (kills during the creation itself are the next test's
    // job).  Others after 0 to 3 commits and up to 40 ms more.
    const int commits = fresh ? 0 : static_cast<int>(rng() % 4);
    const auto delay = std::chrono::microseconds(fresh ? rng() % 30'000 : rng() % 40'000);
    const Observed seen = run_and_kill(index, run, /*wait_open=*/fresh, commits, delay);
    ASSERT_EQ(seen.error, "") << "the writer failed before it was killed";
    ++kills;
    if (seen.in_commit) ++kills_in_commit;
    if (seen.last_done < 0) ++kills_before_first_commit;

    // The states the index may be in: the last commit reported, or the
    // one after it (commit() returned but "done" was not written yet).
    std::set<std::string> before = committed;
    for (int b = 0; b <= seen.last_done; ++b) {
      for (const std::string& id : batch_ids(run, b)) before.insert(id);
    }
    std::set<std::string> after = before;
    for (const std::string& id : batch_ids(run, seen.last_done + 1)) after.insert(id);

    // A new writer continues, taking the lock the dead one held.
    const auto reopen = Clock::now();
    IndexOptions options;
    options.lock_timeout = std::chrono::milliseconds(5000);
    std::optional<IndexWriter> writer;
    try {
      writer.emplace(index, options);
    } catch (const Error& e) {
      std::string files;
      for (const auto& entry : fs::directory_iterator(index)) {
        files += " " + entry.path().filename().string();
      }
      FAIL() << "a new writer cannot open the index after the kill: " << e.what()
             << "\nfiles:" << files;
    }
    longest_reopen_ms =
        std::max(longest_reopen_ms,
                 std::chrono::duration<double, std::milli>(Clock::now() - reopen).count());

    std::string report;
    ASSERT_EQ(reliability::xapian_check(index, &report), 0) << report;
    const std::set<std::string> ids = reliability::stored_ids(index);
    const bool at_before = ids == before;
    const bool at_after = ids == after;
    ASSERT_TRUE(at_before || at_after)
        << ids.size() << " documents: neither the " << before.size() << " of batch "
        << seen.last_done << " nor the " << after.size() << " of the next";
    for (const std::string& id : before) ASSERT_TRUE(writer->contains(id)) << id;
    EXPECT_EQ(writer->document_count(), ids.size());
    // The rewritten document has the content of the same state.
    const int state = at_after ? seen.last_done + 1 : seen.last_done;
    if (state >= 1) {
      EXPECT_EQ(stored_text(Xapian::Database(index.string()), versioned_id(run)),
                "version " + std::to_string(state));
    }
    checked_documents += before.size();
    committed = ids;
    writer.reset();
    Searcher searcher(index);  // and readers open it too
    EXPECT_EQ(searcher.document_count(), committed.size());
  }

  // After all the kills, the last index still takes new documents.
  {
    IndexWriter writer(index);
    writer.add(reliability::make_doc("survivor", "written after every crash"));
    writer.commit();
  }
  Searcher searcher(index);
  const Results r = searcher.search("written");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(searcher.document_count(), committed.size() + 1);

  reliability::report(
      "crash consistency",
      std::to_string(kills) + " SIGKILLs survived (" + std::to_string(kills_in_commit) +
          " between commit() starting and returning, " + std::to_string(kills_before_first_commit) +
          " before the first commit returned), " + std::to_string(checked_documents) +
          " committed documents re-checked by id, xapian-check clean after every kill, "
          "new writer took the lock within " +
          std::to_string(static_cast<int>(longest_reopen_ms)) + " ms");
}

// Xapian creates a glass database file by file and writes "iamglass" last,
// so a writer killed while it creates the index leaves a folder with some
// of Xapian's files and no "iamglass".  The next writer must finish the
// creation, not call the folder foreign.
TEST(ReliabilityCrashConsistency, KillDuringCreationLeavesAFolderAWriterOpens) {
  testing::TempDir tmp;
  std::mt19937 rng(7);
  int partial = 0;
  const int attempts = 40;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    const fs::path index = tmp / ("index" + std::to_string(attempt));
    const Observed seen = run_and_kill(index, attempt, /*wait_open=*/false, /*commits=*/0,
                                       std::chrono::microseconds(rng() % 15'000));
    ASSERT_EQ(seen.error, "");
    if (fs::exists(index) && !fs::exists(index / "iamglass") && !fs::is_empty(index)) ++partial;
    IndexOptions options;
    options.lock_timeout = std::chrono::milliseconds(5000);
    try {
      IndexWriter writer(index, options);
      writer.add(reliability::make_doc("after", "written after the crash"));
      writer.commit();
    } catch (const Error& e) {
      FAIL() << e.what();
    }
    std::string report;
    ASSERT_EQ(reliability::xapian_check(index, &report), 0) << report;
    // The writer may have committed a batch before it died: the index holds
    // the last reported batch or the next one, plus "after".
    std::set<std::string> before = {"after"};
    for (int b = 0; b <= seen.last_done; ++b) {
      for (const std::string& id : batch_ids(attempt, b)) before.insert(id);
    }
    std::set<std::string> after = before;
    for (const std::string& id : batch_ids(attempt, seen.last_done + 1)) after.insert(id);
    const std::set<std::string> ids = reliability::stored_ids(index);
    EXPECT_TRUE(ids == before || ids == after) << ids.size() << " documents";
  }
  reliability::report("kills during index creation",
                      std::to_string(attempts) + " SIGKILLs, " + std::to_string(partial) +
                          " left a half-created folder; a new writer finished every one");
}

// The same, without a kill: the files an interrupted creation leaves.
TEST(ReliabilityCrashConsistency, HalfCreatedIndexFolderIsCreatedAgain) {
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) {
    testing::write_file(index / name, "");
  }
  {
    IndexWriter writer(index);
    writer.add(reliability::make_doc("doc", "created at last"));
  }
  Searcher searcher(index);
  EXPECT_EQ(searcher.search("created").hits.size(), 1u);
}

}  // namespace
}  // namespace sift
