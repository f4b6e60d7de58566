// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/synonyms_file.h"

#include <gtest/gtest.h>

#include "sift/error.h"
#include "support/test_support.h"

namespace sift::index {
namespace {

using Spellings = std::vector<std::string>;

TEST(IndexSynonymsFile, SplitsGroupsQuotesCommentsAndBlankLines) {
  const auto groups = parse_synonyms(
      "# comment\n"
      "\n"
      "Kyiv Kiev  Київ\n"
      "   # indented comment\n"
      "US U.S. \"United States\"\tUSA\r\n",
      "syn.txt");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].line, 3u);
  EXPECT_EQ(groups[0].spellings, (Spellings{"Kyiv", "Kiev", "Київ"}));
  EXPECT_EQ(groups[1].line, 5u);
  EXPECT_EQ(groups[1].spellings, (Spellings{"US", "U.S.", "United States", "USA"}));
}

TEST(IndexSynonymsFile, UnterminatedQuoteNamesTheLine) {
  try {
    parse_synonyms("a b\n\nc \"d e\n", "syn.txt");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_STREQ(e.what(), "syn.txt:3: unterminated quote");
  }
}

TEST(IndexSynonymsFile, InvalidUtf8NamesTheLine) {
  try {
    parse_synonyms("ok fine\nbad \xff\n", "syn.txt");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BadInput);
    EXPECT_EQ(std::string(e.what()).rfind("syn.txt:2: ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
  }
}

TEST(IndexSynonymsFile, ReadsTheCorpusFile) {
  const auto groups = read_synonyms_file(testing::corpus_dir() / "synonyms.txt");
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[3].spellings, (Spellings{"United States", "USA"}));
}

TEST(IndexSynonymsFile, EmptyFileHasNoGroups) {
  testing::TempDir dir;
  testing::write_file(dir / "empty.txt", "");
  EXPECT_TRUE(read_synonyms_file(dir / "empty.txt").empty());
}

TEST(IndexSynonymsFile, MissingFileIsNotFound) {
  testing::TempDir dir;
  try {
    read_synonyms_file(dir / "nope.txt");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NotFound);
    EXPECT_EQ(std::string(e.what()), (dir / "nope.txt").string() + ": no such synonym file");
  }
}

}  // namespace
}  // namespace sift::index
