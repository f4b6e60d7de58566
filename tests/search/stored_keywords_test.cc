// SPDX-License-Identifier: GPL-2.0-or-later
// The values of stored keyword fields (Document::keywords, the registry's
// `stored` rows) from the writer to Hit::keywords and Searcher::document,
// with a `lang` field added through the registry as a new field is, and
// the summary of a document without them as it always was.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "index/format/fields.h"
#include "index/plain_writer.h"
#include "support/damage_record.h"
#include "support/expect_sift_error.h"
#include "support/lang_field.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

namespace fs = std::filesystem;
using Keywords = std::map<std::string, std::vector<std::string>>;

Document article(const std::string& id, const std::string& title, Keywords keywords) {
  Document d;
  d.id = id;
  d.title = title;
  d.paragraphs = {"A count of quokkas on the island."};
  d.source = "desk";
  d.author = "A. Writer";
  d.date = "2024-05-01";
  d.tags = {"wildlife"};
  d.keywords = std::move(keywords);
  return d;
}

// "en" (lang stored), "none" (no lang value), written by the real writer
// with a registry that has the lang row.
class StoredKeywords : public ::testing::Test {
 protected:
  StoredKeywords() {
    index::PlainWriter writer(path, IndexOptions{}, lang_stored);
    writer.add(article("en", "Quokka census", {{"lang", {"en"}}}));
    writer.add(article("none", "Quokka tally", {}));
  }
  Hit hit(const std::string& id, bool snippets) {
    Searcher searcher(path);
    SearchOptions options;
    options.snippets = snippets;
    for (Hit& h : searcher.search("quokka", options).hits) {
      if (h.id == id) return h;
    }
    ADD_FAILURE() << "no hit " << id;
    return {};
  }
  const std::vector<format::FieldSpec> lang_stored = registry_with_lang(/*stored=*/true);
  TempDir dir;
  fs::path path = dir / "index";
};

TEST_F(StoredKeywords, HitsAndDocumentsCarryTheValues) {
  for (const bool snippets : {false, true}) {
    EXPECT_EQ(hit("en", snippets).keywords, (Keywords{{"lang", {"en"}}})) << snippets;
    EXPECT_EQ(hit("none", snippets).keywords, Keywords{}) << snippets;
  }
  Searcher searcher(path);
  const std::optional<Document> en = searcher.document("en");
  ASSERT_TRUE(en);
  EXPECT_EQ(en->keywords, (Keywords{{"lang", {"en"}}}));
  EXPECT_EQ(en->title, "Quokka census");
  EXPECT_EQ(en->tags, (std::vector<std::string>{"wildlife"}));
  EXPECT_EQ(searcher.document("none")->keywords, Keywords{});
}

// What a document gives is what it gets back, keywords included.
TEST_F(StoredKeywords, ADocumentReadsBackAsItWasAdded) {
  Searcher searcher(path);
  for (const Document& added :
       {article("en", "Quokka census", {{"lang", {"en"}}}), article("none", "Quokka tally", {})}) {
    const std::optional<Document> read = searcher.document(added.id);
    ASSERT_TRUE(read) << added.id;
    EXPECT_EQ(read->keywords, added.keywords);
    EXPECT_EQ(read->paragraphs, added.paragraphs);
    EXPECT_EQ(read->source, added.source);
    EXPECT_EQ(read->author, added.author);
    EXPECT_EQ(read->date, added.date);
  }
}

// A document without values is stored as the registry without the row
// stores it; a field that is not stored is searched but not kept.
TEST_F(StoredKeywords, WithoutValuesOrWithoutStoredTheSummaryIsUnchanged) {
  const fs::path plain = dir / "plain";
  const fs::path unstored = dir / "unstored";
  const std::vector<format::FieldSpec> lang_indexed = registry_with_lang(/*stored=*/false);
  {
    index::PlainWriter writer(plain, IndexOptions{});
    writer.add(article("none", "Quokka tally", {}));
    writer.add(article("en", "Quokka census", {}));
    index::PlainWriter other(unstored, IndexOptions{}, lang_indexed);
    other.add(article("en", "Quokka census", {{"lang", {"en"}}}));
  }
  EXPECT_EQ(summary_bytes(path, "none"), summary_bytes(plain, "none"));
  EXPECT_EQ(summary_bytes(unstored, "en"), summary_bytes(plain, "en"));
  EXPECT_NE(summary_bytes(path, "en"), summary_bytes(plain, "en"));
  Searcher searcher(unstored);
  EXPECT_EQ(searcher.document("en")->keywords, Keywords{});
  EXPECT_EQ(searcher.search("quokka").hits.at(0).keywords, Keywords{});
}

TEST_F(StoredKeywords, ADamagedKeywordSectionIsCorrupt) {
  // The section (docs/FORMAT.md): 1 field, "lang" (4 bytes), 1 value, "en"
  // (2 bytes); the value becomes "fr", the checksum stays.
  std::string bytes = summary_bytes(path, "en");
  const std::size_t section = bytes.find(std::string("\x01\x04") + "lang\x01" + "\x02" + "en");
  ASSERT_NE(section, std::string::npos);
  bytes.replace(section + 8, 2, "fr");
  damage(path, "en", /*summary=*/true, bytes);
  Searcher searcher(path);
  SearchOptions ids_only;
  ids_only.snippets = false;
  EXPECT_SIFT_ERROR(searcher.search("census", ids_only), ErrorCode::Corrupt,
                    "the stored summary of document #1 is damaged; rebuild the index: rm -r '" +
                        path.string() + "'");
  EXPECT_SIFT_ERROR(searcher.document("en"), ErrorCode::Corrupt,
                    "the stored summary of document #1 is damaged");
  // The other document is still read.
  EXPECT_EQ(searcher.search("tally", ids_only).hits.at(0).id, "none");
}

}  // namespace
}  // namespace sift::testing
