// SPDX-License-Identifier: GPL-2.0-or-later
// read_path: which files a walk reads, in which order, and how unreadable
// or invalid files are reported while the rest are still read.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "ingest_test_util.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

testing::Collected read(const fs::path& path, const ReadOptions& options = {}) {
  testing::Collected c;
  read_path(path, c.emit(), c.reject(), options);
  return c;
}

TEST(PathReaderTest, CorpusGivesTheFiveArticlesInOrder) {
  const testing::Collected c = read(testing::corpus_dir());
  EXPECT_THAT(c.rejected, IsEmpty());
  // corpus/synonyms.txt is data, not an article: skip_names leaves it out.
  EXPECT_THAT(c.ids(),
              ElementsAre("000_3fc74faefdc7eeff", "001_20fc1e4ed93c3508", "002_b22d1a498633f02d",
                          "003_10ab41207cfcd9b5", "004_2f8928cd84fb3494"));
  for (const Document& doc : c.docs) {
    EXPECT_EQ(doc.source, "corpus");
    EXPECT_EQ(doc.path, (testing::corpus_dir() / (doc.id + ".txt")).string());
    EXPECT_FALSE(doc.title.empty());
    EXPECT_FALSE(doc.paragraphs.empty());
  }
  EXPECT_EQ(c.docs[3].title,
            "NATO Debate Intensifies: Allowing Ukraine to Attack Russia from Within");
}

TEST(PathReaderTest, SkipNamesCanBeCleared) {
  ReadOptions options;
  options.skip_names.clear();
  EXPECT_EQ(read(testing::corpus_dir(), options).docs.size(), 6u);
  // A file named explicitly is read whatever skip_names says.
  EXPECT_EQ(read(testing::corpus_dir() / "synonyms.txt").ids(),
            std::vector<std::string>{"synonyms"});
}

TEST(PathReaderTest, BrokenFolderRejectsEachBadFileAndReadsTheGoodOnes) {
  const fs::path dir = testing::test_data("broken");
  const std::string d = dir.string() + "/";
  const testing::Collected c = read(dir);
  // Hidden files and extensions not asked for (.csv) are not read.
  EXPECT_THAT(c.ids(), ElementsAre("good", "ok-1", "ok-2", "deep"));
  EXPECT_THAT(c.rejected, ElementsAre(d + "bad_utf8.txt: invalid UTF-8 at byte 10",
                                      d + "binary.txt: NUL byte at byte 9 (binary content?)",
                                      d + "blank.txt: empty file", d + "empty.txt: empty file",
                                      d + "mixed.jsonl:2: not valid JSON at byte 22: syntax error "
                                          "while parsing value - unexpected end of input; "
                                          "expected '[', '{', or a literal"));
  EXPECT_EQ(c.docs[0].title, "Harbour reopens after storm");
  EXPECT_EQ(c.docs[0].source, "broken");
  EXPECT_EQ(c.docs[3].source, "nested");
  EXPECT_EQ(c.docs[3].path, d + "nested/deep.txt");
}

TEST(PathReaderTest, SingleFileByExtension) {
  testing::TempDir tmp;
  testing::write_file(tmp / "Story.TXT", "Headline\n\nBody.\n");
  testing::write_file(tmp / "data.csv", "a,b\n");
  EXPECT_EQ(read(tmp / "Story.TXT").ids(), std::vector<std::string>{"Story"});
  EXPECT_THAT(
      read(tmp / "data.csv").rejected,
      ElementsAre(
          (tmp / "data.csv").string() +
          ": unknown file type \".csv\" (Sift reads .txt, .jsonl, .ndjson and .json files)"));
  const auto jsonl = read(testing::test_data("jsonl/good.jsonl"));
  EXPECT_EQ(jsonl.docs.size(), 4u);
  EXPECT_THAT(jsonl.rejected, IsEmpty());
}

TEST(PathReaderTest, MissingPathThrowsNotFound) {
  const fs::path missing = testing::test_data("no-such-folder");
  EXPECT_SIFT_ERROR(read(missing), ErrorCode::NotFound,
                    ::testing::StrEq(missing.string() + ": no such file or directory"));
}

TEST(PathReaderTest, UnreadableFilesAreRejectedWithTheOsReason) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.txt", "Fine\n\nText.\n");
  fs::create_symlink(tmp / "nowhere.txt", tmp / "dangling.txt");
  fs::create_directory(tmp / "folder.txt");  // walked as a folder, not read
  fs::create_directory_symlink(tmp / "folder.txt", tmp / "linked.txt");
  ASSERT_EQ(::mkfifo((tmp / "pipe.txt").c_str(), 0600), 0);
  const testing::Collected c = read(tmp.path());
  const std::string d = tmp.path().string() + "/";
  EXPECT_THAT(c.ids(), ElementsAre("a"));
  EXPECT_THAT(c.rejected, ElementsAre(d + "dangling.txt: cannot open: No such file or directory",
                                      d + "linked.txt: cannot read: is a folder",
                                      d + "pipe.txt: not a regular file"));
}

TEST(PathReaderTest, PermissionDeniedIsRejected) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
  testing::TempDir tmp;
  testing::write_file(tmp / "secret.txt", "Title\n\nBody.\n");
  fs::permissions(tmp / "secret.txt", fs::perms::none);
  EXPECT_THAT(read(tmp.path()).rejected,
              ElementsAre((tmp / "secret.txt").string() + ": cannot open: Permission denied"));
}

TEST(PathReaderTest, SymlinkLoopDoesNotHang) {
  testing::TempDir tmp;
  testing::write_file(tmp / "sub/b.txt", "Title\n\nBody.\n");
  fs::create_directory_symlink(tmp.path(), tmp / "sub/loop");
  fs::create_directory_symlink(tmp / "sub", tmp / "sub/self");
  const testing::Collected c = read(tmp.path());
  EXPECT_THAT(c.ids(), ElementsAre("b"));
  EXPECT_THAT(c.rejected, IsEmpty());
}

TEST(PathReaderTest, FileOverSizeLimitIsRejectedWithItsSize) {
  testing::TempDir tmp;
  testing::write_file(tmp / "big.txt", "Title\n\n" + std::string(93, 'x'));
  ReadOptions options;
  options.max_file_bytes = 99;
  EXPECT_THAT(read(tmp / "big.txt", options).rejected,
              ElementsAre((tmp / "big.txt").string() +
                          ": file is 100 bytes, over the limit of 99 bytes (max_file_bytes)"));
  options.max_file_bytes = 100;
  EXPECT_EQ(read(tmp / "big.txt", options).docs.size(), 1u);
}

TEST(PathReaderTest, DuplicateIdsAcrossFilesAreRejected) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a/story.txt", "One\n\nBody.\n");
  testing::write_file(tmp / "b/story.txt", "Two\n\nBody.\n");
  testing::write_file(tmp / "c.jsonl", "{\"id\":\"story\",\"body\":\"x\"}\n");
  const testing::Collected c = read(tmp.path());
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].title, "One");
  const std::string first = (tmp / "a/story.txt").string();
  EXPECT_THAT(c.rejected,
              ElementsAre((tmp / "b/story.txt").string() +
                              ": duplicate id \"story\" (first read from " + first + ")",
                          (tmp / "c.jsonl").string() +
                              ":1: duplicate id \"story\" (first read from " + first + ")"));
}

TEST(PathReaderTest, NonUtf8FileNameIsRejected) {
  testing::TempDir tmp;
  testing::write_file(tmp / "caf\xe9.txt", "Title\n\nBody.\n");
  const testing::Collected c = read(tmp.path());
  EXPECT_THAT(c.docs, IsEmpty());
  ASSERT_EQ(c.rejected.size(), 1u);
  EXPECT_THAT(c.rejected[0],
              ::testing::HasSubstr("file path is not valid UTF-8 (invalid UTF-8 at byte"));
}

}  // namespace
}  // namespace sift
