// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/synonyms_file.h"

#include <gtest/gtest.h>

#include "sift/error.h"
#include "support/expect_sift_error.h"
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
  EXPECT_SIFT_ERROR(parse_synonyms("a b\n\nc \"d e\n", "syn.txt"), ErrorCode::BadInput,
                    ::testing::StrEq("syn.txt:3: unterminated quote"));
}

TEST(IndexSynonymsFile, InvalidUtf8NamesTheLine) {
  EXPECT_SIFT_ERROR(
      parse_synonyms("ok fine\nbad \xff\n", "syn.txt"), ErrorCode::BadInput,
      ::testing::AllOf(::testing::StartsWith("syn.txt:2: "), ::testing::HasSubstr("UTF-8")));
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
  EXPECT_SIFT_ERROR(read_synonyms_file(dir / "nope.txt"), ErrorCode::NotFound,
                    ::testing::StrEq((dir / "nope.txt").string() + ": no such synonym file"));
}

}  // namespace
}  // namespace sift::index
