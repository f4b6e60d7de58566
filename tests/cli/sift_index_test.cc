// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the sift-index program as a user would and checks what it says.
#include <gtest/gtest.h>

#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

using testing::RunResult;
using testing::TempDir;

std::string program() {
  return (testing::binary_dir() / "examples" / "sift-index").string();
}

RunResult sift_index(std::vector<std::string> args) {
  args.insert(args.begin(), program());
  return testing::run(args);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count_lines_starting(const std::string& text, const std::string& start) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (text.compare(pos, start.size(), start) == 0) ++n;
    const std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return n;
}

TEST(SiftIndex, HelpDescribesOptionsAndExitStatus) {
  const RunResult r = sift_index({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* option :
       {"--db", "--lang", "--keep-accents", "--synonyms", "--prune", "--batch", "--max-batch",
        "--threads", "--bulk-memory", "--compact", "PATH", "Exit status"}) {
    EXPECT_TRUE(has(r.out, option)) << option << "\n" << r.out;
  }
}

TEST(SiftIndex, IndexesTheCorpusThenFindsNothingNew) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string corpus = testing::corpus_dir().string();
  RunResult r = sift_index({"--db", db, "--synonyms", corpus + "/synonyms.txt", corpus});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "indexed 5 (5 added, 0 replaced), unchanged 0, removed 0, rejected 0\n"
            "synonyms: loaded " +
                corpus +
                "/synonyms.txt\n"
                "index " +
                db + ": 5 documents\n");
  EXPECT_EQ(r.err, "");  // no progress line when stderr is not a terminal

  r = sift_index({"--db", db, "--prune", corpus});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "indexed 0 (0 added, 0 replaced), unchanged 5, removed 0, rejected 0\n"
            "index " +
                db + ": 5 documents\n");
  EXPECT_EQ(IndexWriter(db).document_count(), 5u);
}

TEST(SiftIndex, RejectedInputsAreListedAndExitOne) {
  TempDir dir;
  const auto in = dir / "in";
  testing::write_file(in / "good.txt", "A good headline\n\nA good paragraph.\n");
  testing::write_file(in / "bad-utf8.txt", "Title\n\nBroken \xff bytes.\n");
  testing::write_file(in / "binary.txt", std::string("Title\n\nNUL\0byte\n", 16));
  testing::write_file(in / "empty.txt", "");
  const RunResult r = sift_index({"--db", (dir / "db").string(), in.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "indexed 1 (1 added, 0 replaced), unchanged 0, removed 0, rejected 3\n"))
      << r.out;
  EXPECT_EQ(count_lines_starting(r.out, "rejected: "), 3u) << r.out;
  for (const char* name : {"bad-utf8.txt: ", "binary.txt: ", "empty.txt: "}) {
    EXPECT_TRUE(has(r.out, "rejected: " + (in / name).string())) << name << "\n" << r.out;
  }
  EXPECT_TRUE(has(r.out, "index " + (dir / "db").string() + ": 1 documents\n")) << r.out;
}

TEST(SiftIndex, TheSharedBrokenFixtureIsRejectedFileByFile) {
  const auto broken = testing::test_data("broken");
  if (!std::filesystem::exists(broken)) GTEST_SKIP() << "tests/data/broken/ not present";
  TempDir dir;
  const RunResult r = sift_index({"--db", (dir / "db").string(), broken.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_GE(count_lines_starting(r.out, "rejected: " + broken.string()), 1u) << r.out;
}

TEST(SiftIndex, ALockedIndexExitsThree) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  IndexWriter holder(db);
  const RunResult r = sift_index({"--db", db, testing::corpus_dir().string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "sift-index: " + db + ": index is locked by another writer\n");
  EXPECT_EQ(r.out, "");
}

TEST(SiftIndex, SomethingThatIsNotAnIndexExitsThree) {
  TempDir dir;
  testing::write_file(dir / "file", "not an index");
  const RunResult r = sift_index({"--db", (dir / "file").string(), testing::corpus_dir().string()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "sift-index: " + (dir / "file").string() +
                       ": not an index (it is a file, not a folder)\n");
}

TEST(SiftIndex, UsageErrorsExitTwo) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string corpus = testing::corpus_dir().string();

  RunResult r = sift_index({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--db")) << r.err;

  r = sift_index({"--db", db});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "PATH")) << r.err;

  r = sift_index({"--db", db, (dir / "no-such-folder").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, (dir / "no-such-folder").string())) << r.err;

  r = sift_index({"--db", db, "--batch", "many", corpus});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--batch")) << r.err;

  r = sift_index({"--db", db, "--synonyms", (dir / "none.txt").string(), corpus});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(db));  // nothing done on a bad command line
}

TEST(SiftIndex, OptionsThatDisagreeWithTheIndexExitTwo) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string corpus = testing::corpus_dir().string();
  ASSERT_EQ(sift_index({"--db", db, corpus}).exit_code, 0);
  RunResult r = sift_index({"--db", db, "--lang", "french", corpus});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sift-index: index " + db +
                       " was built with language 'english'; cannot add with 'french'\n");

  r = sift_index({"--db", (dir / "other").string(), "--lang", "klingon", corpus});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "klingon")) << r.err;
}

TEST(SiftIndex, ABadSynonymFileNamesTheLine) {
  TempDir dir;
  testing::write_file(dir / "syn.txt", "a b\n\"open\n");
  const RunResult r = sift_index({"--db", (dir / "db").string(), "--synonyms",
                                  (dir / "syn.txt").string(), testing::corpus_dir().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "sift-index: " + (dir / "syn.txt").string() + ":2: unterminated quote\n");
}

TEST(SiftIndex, CompactWithoutOutCompactsASingleIndexInPlace) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  ASSERT_EQ(sift_index({"--db", db, testing::corpus_dir().string()}).exit_code, 0);
  // A few incremental commits leave free blocks behind.
  for (int round = 0; round < 3; ++round) {
    testing::write_file(
        dir / "in" / "changing.txt",
        "Round " + std::to_string(round) + "\n\nText of round " + std::to_string(round) + ".\n");
    ASSERT_EQ(sift_index({"--db", db, "--batch", "1", (dir / "in").string()}).exit_code, 0);
  }
  const auto size = [&] {
    std::uintmax_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(db)) n += e.file_size();
    return n;
  };
  const std::uintmax_t before = size();
  const RunResult r = sift_index({"--db", db, "--compact"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "compacted " + db + " in place: 6 documents\n");
  EXPECT_LT(size(), before);
  EXPECT_EQ(IndexWriter(db).document_count(), 6u);
  const RunResult check = testing::run({"/usr/bin/xapian-check", db});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  const RunResult missing = sift_index({"--db", (dir / "none").string(), "--compact"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(has(missing.err, "no index here")) << missing.err;
}

}  // namespace
}  // namespace sift
