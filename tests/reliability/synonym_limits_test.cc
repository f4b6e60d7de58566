// SPDX-License-Identifier: GPL-2.0-or-later
// Synonym files past the limits (index/format/layout.h): a huge group or an
// overlong spelling is refused at once with the file and line; a huge group
// already stored in an index (written by another tool) is cut at search
// time with a warning instead of failing every query of its word.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "reliability_util.h"
#include "sift/sift.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

// Spellings "w0 w1 ... wN-1" of distinct made-up words.
std::string spellings(int n, const std::string& stem) {
  std::string line;
  for (int i = 0; i < n; ++i) line += stem + std::to_string(i) + "x ";
  return line;
}

TEST(ReliabilitySynonyms, AHugeGroupIsRefusedAtOnceNamingItsLine) {
  testing::TempDir tmp;
  const fs::path file = tmp / "synonyms.txt";
  testing::write_file(file, "kyiv kiev\n# a comment\n" + spellings(3000, "w") + "\n");
  IndexWriter writer(tmp / "index");
  writer.add(reliability::make_doc("d1", "Kyiv is a city"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_SIFT_ERROR(writer.load_synonyms(file), ErrorCode::BadInput,
                    file.string() + ":3: a group of 3000 spellings; the limit is 32");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0 * reliability::sanitizer_factor());
  reliability::report("synonym group of 3,000 spellings",
                      "refused naming line 3 in " + std::to_string(seconds) + " s");
  // At the limit it loads.
  testing::write_file(file, spellings(32, "w") + "\n");
  writer.load_synonyms(file);
}

TEST(ReliabilitySynonyms, AnOverlongSpellingIsRefusedNamingItsLine) {
  testing::TempDir tmp;
  const fs::path file = tmp / "synonyms.txt";
  // 15 words of 20 letters: 314 bytes, within the word limit.
  std::string phrase;
  for (int i = 0; i < 15; ++i) phrase += (i ? " " : "") + std::string(19, 'a') + char('a' + i);
  testing::write_file(file, "kyiv kiev\nshort \"" + phrase + "\"\n");
  IndexWriter writer(tmp / "index");
  EXPECT_SIFT_ERROR(
      writer.load_synonyms(file), ErrorCode::BadInput,
      ::testing::AllOf(::testing::HasSubstr(file.string() + ":2: '"),
                       ::testing::HasSubstr("314 bytes when normalized; the limit is 200"),
                       ::testing::Not(::testing::HasSubstr("Key too long"))));
  reliability::report("synonym spelling of 314 bytes (15 words)",
                      "refused naming line 2, not Xapian's \"Key too long\"");

  testing::write_file(file, "one \"" + spellings(17, "p") + "\"\n");
  EXPECT_SIFT_ERROR(writer.load_synonyms(file), ErrorCode::BadInput,
                    ::testing::AllOf(::testing::HasSubstr(file.string() + ":1: '"),
                                     ::testing::HasSubstr("has more than 16 words")));
  // The writer still works and commits.
  writer.add(reliability::make_doc("d1", "Kyiv is a city"));
  writer.commit();
  EXPECT_EQ(reliability::stored_ids(tmp / "index").size(), 1u);
}

TEST(ReliabilitySynonyms, AHugeStoredGroupIsCutAtSearchTimeWithAWarning) {
  testing::TempDir tmp;
  const fs::path index = tmp / "index";
  {
    IndexWriter writer(index);
    writer.add(reliability::make_doc("d1", "the alpha article"));
    writer.add(reliability::make_doc("d2", "the syn7x article"));
    writer.commit();
  }
  {
    // As an older Sift or another tool could have stored it.
    Xapian::WritableDatabase db(index.string(), Xapian::DB_OPEN);
    for (int i = 0; i < 3000; ++i) db.add_synonym("alpha", "syn" + std::to_string(i) + "x");
    db.commit();
  }
  Searcher searcher(index);
  const Results results = searcher.search("alpha");
  std::string warnings;
  for (const std::string& w : results.warnings) warnings += w + "\n";
  reliability::report("query of a word with 3,000 stored synonyms",
                      std::to_string(results.total) + " hits; " + warnings);
  EXPECT_GE(results.total, 1u);
  EXPECT_NE(warnings.find("'alpha' has 3000 synonyms; only the first 31 are used"),
            std::string::npos)
      << warnings;
}

}  // namespace
}  // namespace sift
