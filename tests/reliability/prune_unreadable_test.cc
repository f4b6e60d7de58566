// SPDX-License-Identifier: GPL-2.0-or-later
// Pruning never deletes what it could not read: documents from a folder that
// cannot be listed, a file that cannot be read, or a JSONL file with a bad
// or truncated line are kept (IndexReport::kept), while a file that is
// really gone is still pruned.
//
// chmod 000 does not stop root, so the unreadable case runs its re-index in
// a child that first becomes the user "nobody" (uid 65534); when that is not
// possible the test is skipped with a message.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "reliability_util.h"
#include "sift/index_writer.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

std::string jsonl_line(const std::string& id, const std::string& body) {
  return R"({"id":")" + id + R"(","title":"Title )" + id + R"(","body":")" + body + "\"}\n";
}

std::string summary(const IndexReport& r) {
  return "unchanged " + std::to_string(r.unchanged) + ", removed " + std::to_string(r.removed) +
         ", kept " + std::to_string(r.kept) + ", rejected " + std::to_string(r.rejected.size());
}

TEST(ReliabilityPrune, AJsonlFileWithABadOrTruncatedLineKeepsEveryDocumentFromIt) {
  testing::TempDir tmp;
  const fs::path root = tmp / "root";
  const fs::path index = tmp / "index";
  testing::write_file(root / "a.txt", "Alpha\n\nThe first article stays.\n");
  testing::write_file(root / "gone.txt", "Gone\n\nThis article is deleted.\n");
  testing::write_file(root / "lines.jsonl", jsonl_line("j1", "one") + jsonl_line("j2", "two") +
                                                jsonl_line("j3", "three"));
  testing::write_file(root / "trunc.jsonl", jsonl_line("t1", "one") + jsonl_line("t2", "two"));
  {
    IndexWriter writer(index);
    ASSERT_TRUE(writer.index_paths({root}).rejected.empty());
  }
  const std::set<std::string> before = reliability::stored_ids(index);
  ASSERT_EQ(before.size(), 7u);

  // Line 2 of lines.jsonl becomes invalid UTF-8; trunc.jsonl loses the end
  // of its last line (a copy cut short); gone.txt is deleted.
  testing::write_file(root / "lines.jsonl", jsonl_line("j1", "one") + jsonl_line("j2", "tw\xff") +
                                                jsonl_line("j3", "three"));
  const std::string whole = testing::read_file(root / "trunc.jsonl");
  testing::write_file(root / "trunc.jsonl", whole.substr(0, whole.size() - 9));
  fs::remove(root / "gone.txt");

  // The library's report; then sift-index, which says so too.
  IndexReport report;
  {
    IndexWriter writer(index);
    report = writer.index_paths({root}, /*prune=*/true);
  }
  reliability::report("prune over a JSONL bad line and a truncated line", summary(report));
  EXPECT_EQ(report.removed, 1u) << summary(report);
  EXPECT_EQ(report.kept, 2u) << summary(report);
  EXPECT_EQ(report.rejected.size(), 2u) << summary(report);
  std::set<std::string> expected = before;
  expected.erase("gone");
  EXPECT_EQ(reliability::stored_ids(index), expected);

  const testing::RunResult run = testing::run(
      {reliability::sift_index_program(), "--db", index.string(), "--prune", root.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("kept 2 from unreadable sources"), std::string::npos) << run.out;
  EXPECT_EQ(reliability::stored_ids(index), expected);
}

// Makes `path` and everything under it belong to `uid`.
void chown_tree(const fs::path& path, uid_t uid) {
  ASSERT_EQ(::lchown(path.c_str(), uid, uid), 0) << path;
  if (!fs::is_directory(fs::symlink_status(path))) return;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    ASSERT_EQ(::lchown(entry.path().c_str(), uid, uid), 0) << entry.path();
  }
}

TEST(ReliabilityPrune, AnUnreadableFolderOrFileKeepsEveryDocumentFromIt) {
  constexpr uid_t kNobody = 65534;
  testing::TempDir tmp;
  const fs::path root = tmp / "root";
  const fs::path index = tmp / "index";
  testing::write_file(root / "a.txt", "Alpha\n\nThe first article stays.\n");
  testing::write_file(root / "gone.txt", "Gone\n\nThis article is deleted.\n");
  testing::write_file(root / "secret.txt", "Secret\n\nThis file becomes unreadable.\n");
  testing::write_file(root / "locked" / "b.txt", "Beta\n\nIn a folder that gets locked.\n");
  testing::write_file(root / "locked" / "deeper" / "c.txt", "Gamma\n\nDeeper still.\n");
  {
    IndexWriter writer(index);
    ASSERT_TRUE(writer.index_paths({root}).rejected.empty());
  }
  const std::set<std::string> before = reliability::stored_ids(index);
  ASSERT_EQ(before.size(), 5u);
  const bool root_user = ::geteuid() == 0;
  if (root_user) chown_tree(tmp.path(), kNobody);

  fs::remove(root / "gone.txt");
  fs::permissions(root / "locked", fs::perms::none);
  fs::permissions(root / "secret.txt", fs::perms::none);
  const reliability::Measured m = reliability::measure([&] {
    if (root_user && (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) {
      return std::string("skip: cannot become uid 65534");
    }
    if (::access((root / "locked").c_str(), R_OK) == 0) {
      return std::string("skip: chmod 000 does not stop this user from reading");
    }
    IndexWriter writer(index);
    const IndexReport report = writer.index_paths({root}, /*prune=*/true);
    std::string out = summary(report);
    for (const Rejection& r : report.rejected) out += "\n" + r.message();
    return out;
  });
  fs::permissions(root / "locked", fs::perms::owner_all);
  fs::permissions(root / "secret.txt", fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(m.finished) << m.failure;
  if (m.outcome.starts_with("skip: ")) GTEST_SKIP() << m.outcome.substr(6);
  reliability::report("prune over an unreadable folder and file", m);
  EXPECT_TRUE(m.outcome.starts_with("unchanged 1, removed 1, kept 3, rejected 2")) << m.outcome;
  EXPECT_NE(m.outcome.find("locked: cannot list folder: Permission denied"), std::string::npos)
      << m.outcome;
  EXPECT_NE(m.outcome.find("secret.txt: cannot open: Permission denied"), std::string::npos)
      << m.outcome;
  std::set<std::string> expected = before;
  expected.erase("gone");
  EXPECT_EQ(reliability::stored_ids(index), expected);
}

}  // namespace
}  // namespace sift
