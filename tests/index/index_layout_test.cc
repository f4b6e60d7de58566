// SPDX-License-Identifier: GPL-2.0-or-later
// The corpus index read with plain Xapian: the layout in lib/index/format/ is
// what a reference Enquire (and the searcher) relies on.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>

#include "index/format/layout.h"
#include "index/format/stem_map.h"
#include "index_helpers.h"
#include "sift/index_writer.h"

namespace sift {
namespace {

using testing::matching_ids;
using testing::phrase;
using testing::short_ids;
using Ids = std::set<std::string>;

class IndexCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    IndexWriter writer(path());
    writer.index_paths({testing::corpus_dir()});
    writer.load_synonyms(testing::corpus_dir() / "synonyms.txt");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::filesystem::path path() { return dir_->path() / "db"; }

  Xapian::Database db{path().string()};

 private:
  static testing::TempDir* dir_;
};

testing::TempDir* IndexCorpus::dir_ = nullptr;

TEST_F(IndexCorpus, StemmedTermsMatchEveryForm) {
  // "strikes"/"striking" (003), "strike" (001): all stem to strike.
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("Zstrike"))),
            (Ids{"000", "001", "003", "004"}));
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("strikes"))), (Ids{"000", "003", "004"}));
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("striking"))), (Ids{"003"}));
}

TEST_F(IndexCorpus, PhrasesUseExactTermsWithPositions) {
  // 000 has it in curly quotes, 001 in straight quotes.
  EXPECT_EQ(short_ids(matching_ids(db, phrase({"the", "time", "has", "come"}))),
            (Ids{"000", "001"}));
  // "Secretary General" in 000, 002, 003, 004 and "Secretary-General" in 001.
  EXPECT_EQ(short_ids(matching_ids(db, phrase({"secretary", "general"}))),
            (Ids{"000", "001", "002", "003", "004"}));
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("secretarygeneral"))), (Ids{"001"}));
  EXPECT_TRUE(matching_ids(db, phrase({"time", "the", "has", "come"})).empty());
}

TEST_F(IndexCorpus, TitleTermsArePrefixed) {
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("Sdebate"))), (Ids{"003"}));
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("ZSeas"))), (Ids{"002"}));
  EXPECT_EQ(short_ids(matching_ids(db, Xapian::Query("Snato"))),
            (Ids{"000", "001", "002", "003", "004"}));
}

TEST_F(IndexCorpus, SourceIsAFilterTermAndAValue) {
  EXPECT_EQ(db.get_termfreq("XSOURCE:corpus"), 5u);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    EXPECT_EQ(doc.get_value(format::kSourceSlot), "corpus");
    EXPECT_EQ(doc.get_value(format::kHashSlot).size(), 32u);
  }
}

TEST_F(IndexCorpus, StemsCarryNoPositionsAndTheStemMapListsTheirForms) {
  EXPECT_TRUE(db.has_positions());
  for (const char* stem : {"Zstrike", "ZSnato", "Zukrain"}) {
    ASSERT_TRUE(db.term_exists(stem)) << stem;
    EXPECT_EQ(db.positionlist_begin(*db.postlist_begin(stem), stem),
              db.positionlist_end(*db.postlist_begin(stem), stem))
        << stem;
  }
  EXPECT_EQ(format::stem_forms(db, "strike"),
            (std::vector<std::string>{"strike", "strikes", "striking"}));
  // A phrase of each stem's forms finds what the phrase of stems found.
  const auto forms = [&](const char* stem) {
    const auto words = format::stem_forms(db, stem);
    return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
  };
  const std::vector<Xapian::Query> slots{forms("secretari"), forms("general")};
  EXPECT_EQ(short_ids(matching_ids(
                db, Xapian::Query(Xapian::Query::OP_PHRASE, slots.begin(), slots.end()))),
            (Ids{"000", "001", "002", "003", "004"}));
  // The writer keeps no spelling table: suggestions come from the words.
  EXPECT_EQ(db.spellings_begin(), db.spellings_end());
}

TEST_F(IndexCorpus, SynonymsAreLoaded) {
  const std::vector<std::string> kiev(db.synonyms_begin("kiev"), db.synonyms_end("kiev"));
  EXPECT_NE(std::find(kiev.begin(), kiev.end(), "kyiv"), kiev.end());
}

TEST_F(IndexCorpus, PassesXapianCheck) {
  std::ostringstream out;
  EXPECT_EQ(Xapian::Database::check(path().string(), Xapian::DBCHECK_FULL_TREE, &out), 0u)
      << out.str();
}

TEST(IndexParagraphs, APhraseNeverSpansTwoParagraphsOrTheTitle) {
  testing::TempDir dir;
  {
    IndexWriter writer(dir / "db");
    writer.add(testing::make_doc("p", {"one two alpha", "beta three four"}, "Title ends gamma"));
  }
  Xapian::Database db((dir / "db").string());
  EXPECT_TRUE(matching_ids(db, phrase({"alpha", "beta"})).empty());
  EXPECT_TRUE(matching_ids(db, phrase({"gamma", "one"})).empty());
  const std::vector<Xapian::Query> near{Xapian::Query("alpha"), Xapian::Query("beta")};
  EXPECT_TRUE(matching_ids(db, Xapian::Query(Xapian::Query::OP_NEAR, near.begin(), near.end(), 50))
                  .empty());
  EXPECT_EQ(matching_ids(db, phrase({"two", "alpha"})), (Ids{"p"}));
  EXPECT_EQ(matching_ids(db, phrase({"beta", "three"})), (Ids{"p"}));
}

}  // namespace
}  // namespace sift
