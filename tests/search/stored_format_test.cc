// SPDX-License-Identifier: GPL-2.0-or-later
// The on-disk format as a searcher meets it: older formats refused with
// the rebuild command, hit lists that read only the summary record,
// damage to what a search reads reported as Corrupt, and stems that keep
// their word families whole across accent folding.
#include <gtest/gtest.h>
#include <sift/sift.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/damage_record.h"
#include "support/expect_sift_error.h"
#include "support/format1_index.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

namespace fs = std::filesystem;

Document article(const std::string& id, const std::string& title, const std::string& body) {
  Document d;
  d.id = id;
  d.title = title;
  d.paragraphs = {body};
  d.source = "desk";
  d.url = "https://example.com/" + id;
  d.author = "A. Writer";
  d.date = "2024-05-01";
  return d;
}

class StoredFormat : public ::testing::Test {
 protected:
  StoredFormat() {
    IndexWriter writer(path);
    writer.add(article("a", "Allies ease limits", "Weapons may now strike targets."));
    writer.add(article("b", "Talks resume", "The weapons talks resume today."));
  }
  TempDir dir;
  fs::path path = dir / "index";
};

TEST_F(StoredFormat, AHitListReadsOnlyTheSummary) {
  damage(path, "b", /*summary=*/false, "not a body");
  Searcher searcher(path);
  SearchOptions ids_only;
  ids_only.snippets = false;
  const Results r = searcher.search("weapons", ids_only);
  ASSERT_EQ(r.hits.size(), 2u);
  for (const Hit& hit : r.hits) {
    EXPECT_EQ(hit.title, hit.id == "a" ? "Allies ease limits" : "Talks resume");
    EXPECT_EQ(hit.source, "desk");
    EXPECT_EQ(hit.date, "2024-05-01");
    EXPECT_EQ(hit.path, "https://example.com/" + hit.id);
    EXPECT_EQ(hit.url, "https://example.com/" + hit.id);
    EXPECT_EQ(hit.author, "A. Writer");
  }
  // A snippet reads the body, and its damage is reported, not shown.
  EXPECT_SIFT_ERROR(searcher.search("weapons talks"), ErrorCode::Corrupt,
                    "the stored body of document #2 is damaged; rebuild the index: rm -r '" +
                        path.string() + "'");
  EXPECT_SIFT_ERROR(searcher.document("b"), ErrorCode::Corrupt, "");
  EXPECT_TRUE(searcher.document("a").has_value());
}

TEST_F(StoredFormat, ADamagedSummaryIsCorruptEvenWithoutSnippets) {
  Xapian::Database db(path.string());
  std::string summary = db.get_document(1).get_data();
  ASSERT_GT(summary.size(), 8u);
  summary[summary.size() / 2] ^= 0x20;  // One flipped bit: the checksum fails.
  damage(path, "a", /*summary=*/true, summary);
  Searcher searcher(path);
  SearchOptions ids_only;
  ids_only.snippets = false;
  EXPECT_SIFT_ERROR(searcher.search("allies", ids_only), ErrorCode::Corrupt,
                    "the stored summary of document #1 is damaged");
  // The other document is still found.
  EXPECT_EQ(searcher.search("resume", ids_only).hits.at(0).id, "b");
}

TEST(StoredFormatVersion, AnOlderFormatIsRefusedWithTheCommandThatRebuildsIt) {
  TempDir dir;
  const fs::path path = dir / "old";
  write_format_1_index(path);
  EXPECT_SIFT_ERROR(
      Searcher s(path), ErrorCode::Unsupported,
      ::testing::AllOf(::testing::HasSubstr("has format 1, written by an older Sift; "
                                            "this Sift reads and writes format 4 only"),
                       ::testing::HasSubstr("rm -r '" + path.string() + "' && sift-index --db '" +
                                            path.string() + "' FILES...")));
}

// Stems are taken before accents are folded, so a language's word family
// stays one stem, while an unaccented query still finds accented words.
TEST(StoredFormatStems, WordFamiliesStayWholeAcrossAccentFolding) {
  struct Case {
    const char* language;
    std::vector<std::string> family;  // every form should find every other
  };
  const std::vector<Case> cases = {
      {"russian", {"файл", "файлы", "файла", "файлов"}},
      {"french", {"utilisée", "utilisé", "utiliser", "utilisés"}},
      {"german", {"Häuser", "Haus", "Hauses"}},
      {"german", {"Fähigkeit", "Fähigkeiten"}},
  };
  for (const Case& c : cases) {
    TempDir dir;
    IndexOptions options;
    options.analyzer.language = c.language;
    {
      IndexWriter writer(dir / "index", options);
      for (std::size_t i = 0; i < c.family.size(); ++i) {
        Document d;
        d.id = "d" + std::to_string(i);
        d.paragraphs = {"x " + c.family[i] + " y"};
        writer.add(d);
      }
    }
    Searcher searcher(dir / "index");
    for (const std::string& form : c.family) {
      EXPECT_EQ(searcher.search(form).total, c.family.size()) << c.language << " " << form;
      // A stemmed phrase reaches the same family through the exact forms.
      EXPECT_EQ(searcher.search("~\"x " + form + " y\"").total, c.family.size())
          << c.language << " ~\"x " << form << " y\"";
    }
  }
}

TEST(StoredFormatStems, UnaccentedQueriesFindAccentedWords) {
  TempDir dir;
  {
    IndexWriter writer(dir / "index");
    writer.add(article("c", "Café society", "The café on the corner reopened."));
  }
  Searcher searcher(dir / "index");
  EXPECT_EQ(searcher.search("cafe").total, 1u);
  EXPECT_EQ(searcher.search("cafés").total, 1u);
  EXPECT_EQ(searcher.search("~\"the cafe\"").total, 1u);
  EXPECT_EQ(searcher.search("\"cafe on the corner\"").total, 1u);
}

}  // namespace
}  // namespace sift::testing
