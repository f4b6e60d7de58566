// SPDX-License-Identifier: GPL-2.0-or-later
// Graded matching on text the acceptance corpus lacks: unspaced CJK runs,
// separators that used to make phrase fragments, title weighting and the
// ranking parameters.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

void add_document(IndexWriter& writer, const std::string& id, const std::string& title,
                  const std::string& body) {
  Document doc;
  doc.id = id;
  doc.title = title;
  doc.paragraphs = {body};
  writer.add(doc);
}

class GradedMatch : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter writer(db());
    auto add = [&](const char* id, const char* title, const char* body) {
      Document doc;
      doc.id = id;
      doc.title = title;
      doc.paragraphs = {body};
      writer.add(doc);
    };
    add("touch", "touch", "ファイルのタイムスタンプを変更する。");
    add("ls", "ls", "ディレクトリの内容をリストする。");
    add("catopen", "catopen", "The open call and the close call of a message catalog.");
    add("catalog", "catalog", "A message catalog holds translated messages.");
    add("parser", "The composer", "A parser reads the text of a score and the parts of it.");
    add("body", "Weekly notes", "Composer and parser: the composer met the parser.");
    add("underscore", "Builds", "Packages for x86_64 and arm64.");
    add("hyphen", "Ports", "The x86-64 port and the i386 one.");
    add("cpp", "Languages", "Name mangling in C++ and in C#; see .NET too.");
    add("c", "Letters", "The letter c and the word net.");
    add("pronoun", "Lunch", "Let us meet for lunch; tell us when.");
    add("country", "Trade", "The U.S. trade deficit grew.");
    add("caps", "Policy", "US policy on tariffs changed.");
    writer.commit();
  }
  std::filesystem::path db() const { return dir_ / "db"; }
  std::vector<std::string> ids(const std::string& query, const SearchOptions& options = {}) {
    Searcher searcher(db());
    std::vector<std::string> out;
    for (const Hit& h : searcher.search(query, options).hits) out.push_back(h.id);
    return out;
  }
  TempDir dir_;
};

TEST_F(GradedMatch, AnUnspacedCjkRunIsWordsNotOnePhrase) {
  // The words in another order: a phrase would find nothing.
  Searcher searcher(db());
  const Results r = searcher.search("タイムスタンプを変更するファイル");
  ASSERT_FALSE(r.hits.empty()) << r.explanation.parsed;
  EXPECT_EQ(r.hits[0].id, "touch");
  EXPECT_TRUE(r.hits[0].all_words) << r.explanation.parsed;
  // Some of the words: the page with most of them comes first.
  const Results some = searcher.search("ファイルの内容を変更する");
  ASSERT_FALSE(some.hits.empty());
  EXPECT_EQ(some.hits[0].id, "touch") << some.explanation.parsed;
}

TEST_F(GradedMatch, ASlashSeparatesWordsAndAHyphenStillJoins) {
  // "open/close" was the phrase "open close", which no document has.
  EXPECT_EQ(ids("open/close a message catalog").at(0), "catopen");
  Searcher searcher(db());
  const Results r = searcher.search("open/close");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_TRUE(r.hits[0].all_words);
  EXPECT_EQ(r.explanation.parsed, "(stem:open AND stem:close)");
  // A trailing period or comma is not a word.
  EXPECT_EQ(ids("message catalog.").at(0), "catalog");
}

TEST_F(GradedMatch, UnderscoreHyphenAndJoinedSpellingsFindEachOther) {
  for (const char* q : {"x86_64", "x86-64", "x8664", "X86_64"}) {
    auto found = ids(q);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"hyphen", "underscore"})) << q;
  }
}

TEST_F(GradedMatch, LanguageNamesKeepTheirSigns) {
  EXPECT_EQ(ids("C++"), std::vector<std::string>{"cpp"});
  EXPECT_EQ(ids("c#"), std::vector<std::string>{"cpp"});
  EXPECT_EQ(ids(".NET"), std::vector<std::string>{"cpp"});
  // The bare letter and word are other words.
  EXPECT_EQ(ids("c"), std::vector<std::string>{"c"});
  EXPECT_EQ(ids("net"), std::vector<std::string>{"c"});
  // A sentence's dots are no part of the next word.
  EXPECT_EQ(ids("Packages"), std::vector<std::string>{"underscore"});
}

TEST_F(GradedMatch, ADottedAcronymIsNotThePronounItFoldsTo) {
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  // "U.S." finds the acronym however it is written in capitals...
  EXPECT_EQ(sorted(ids("U.S.")), (std::vector<std::string>{"caps", "country"}));
  EXPECT_EQ(ids("u.s. trade").at(0), "country");
  // ... while the plain word still finds every "us".
  EXPECT_EQ(sorted(ids("us")), (std::vector<std::string>{"caps", "country", "pronoun"}));
  Searcher searcher(db());
  const Results r = searcher.search("U.S.");
  ASSERT_FALSE(r.explanation.expansions.empty());
  EXPECT_EQ(r.explanation.parsed, "capitals:us");
}

TEST_F(GradedMatch, TitleWeightRanksTheTitleMatchFirst) {
  // "composer" and "parser" are in the bodies of both; one has "composer"
  // in its title.  Without a boost the shorter body wins.
  SearchOptions boosted;
  boosted.ranking.title_weight = 2.0;
  EXPECT_EQ(ids("composer parser", boosted).at(0), "parser");
  SearchOptions plain;
  plain.ranking.title_weight = 0.0;
  EXPECT_EQ(ids("composer parser", plain).at(0), "body");
}

TEST_F(GradedMatch, AHyphenatedWordInTheTitleWeighsMore) {
  IndexWriter writer(dir_.path() / "hyphen-titles");
  auto add = [&](const char* id, const char* title, const char* body) {
    add_document(writer, id, title, body);
  };
  // Both have "set-user-ID" once; "body" is shorter, so wins on BM25 alone.
  add("title", "set-user-ID programs",
      "Notes on programs that run with the rights of their owner.");
  add("body", "Programs", "About set-user-ID programs.");
  writer.commit();
  Searcher searcher(dir_.path() / "hyphen-titles");
  SearchOptions plain;
  plain.ranking.title_weight = 0.0;
  EXPECT_EQ(searcher.search("set-user-ID", plain).hits.at(0).id, "body");
  SearchOptions boosted;
  boosted.ranking.title_weight = 1.0;
  const Results r = searcher.search("set-user-ID", boosted);
  EXPECT_EQ(r.hits.at(0).id, "title") << r.explanation.xapian;
}

// Two plain-text articles read by the text reader, the second with or
// without a headline; returns the ids "walrus" ranks, title_weight 1.
std::vector<std::string> walrus_ranking(const std::filesystem::path& db, bool headline) {
  IndexWriter writer(db);
  // "walrus" three times in the body; its title is a headline without it.
  writer.add(
      parse_text_article("Coastal notes\n\nA walrus here, a walrus there, and one more "
                         "walrus on the rocks near the old harbour wall today.\n",
                         "notes", "in/notes.txt"));
  // "walrus" in the lead sentence only (counted in the title and the body).
  const std::string lead =
      "Walrus sightings rose along the northern coast this spring.\n\n"
      "Observers counted the animals from boats and from the cliffs.\n";
  writer.add(parse_text_article(headline ? "Walrus sightings rise\n\n" + lead : lead, "lead",
                                "in/lead.txt"));
  writer.commit();
  Searcher searcher(db);
  SearchOptions boosted;
  boosted.ranking.title_weight = 1.0;
  std::vector<std::string> out;
  for (const Hit& h : searcher.search("walrus", boosted).hits) out.push_back(h.id);
  return out;
}

TEST(GradedMatchRanking, ATitleMadeFromTheFirstSentenceIsNotBoosted) {
  TempDir dir;
  // The lead sentence that lends the title is body text: the article that
  // says "walrus" three times ranks first.
  EXPECT_EQ(walrus_ranking(dir.path() / "db", false), (std::vector<std::string>{"notes", "lead"}));
  Searcher searcher(dir.path() / "db");
  const std::optional<Document> lead = searcher.document("lead");
  ASSERT_TRUE(lead.has_value());
  EXPECT_TRUE(lead->title_derived);
  EXPECT_EQ(lead->title, "Walrus sightings rose along the northern coast this spring");
  // title: still finds the title as shown.
  SearchOptions ids_only;
  EXPECT_EQ(searcher.search("title:walrus", ids_only).hits.at(0).id, "lead");
  EXPECT_FALSE(searcher.document("notes")->title_derived);
}

TEST(GradedMatchRanking, AHeadlineTheAuthorWroteIsBoosted) {
  TempDir dir;
  EXPECT_EQ(walrus_ranking(dir.path() / "db", true), (std::vector<std::string>{"lead", "notes"}));
}

TEST(GradedMatchRanking, ShortDocumentsAreNotScoredAsLongerOnes) {
  TempDir dir;
  IndexWriter writer(dir.path() / "db");
  auto add = [&](const std::string& id, const std::string& body) {
    add_document(writer, id, "", body);
  };
  // Added first, so it would win a tie: the longer of two short pages.
  add("longer", "zebra crossing rules for every driver here");
  add("shorter", "zebra crossing");
  for (int i = 0; i < 8; ++i) {
    add("filler" + std::to_string(i),
        "a page of ordinary words about roads and cars and lights and signs and lanes, "
        "written long enough that the two short pages are shorter than half of the "
        "average page: bridges, tunnels, junctions, roundabouts, verges and kerbs");
  }
  writer.commit();
  Searcher searcher(dir.path() / "db");
  // Both are shorter than half the average: Xapian's default floor (0.5)
  // scores them alike; the default floor (0) ranks the shorter first.
  const Results r = searcher.search("zebra");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "shorter");
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  SearchOptions floored;
  floored.ranking.length_floor = 0.5;
  const Results f = searcher.search("zebra", floored);
  ASSERT_EQ(f.hits.size(), 2u);
  EXPECT_DOUBLE_EQ(f.hits[0].score, f.hits[1].score);
}

TEST(GradedMatchRanking, CommonWordsDoNotDecideTheAllWordsTier) {
  TempDir dir;
  IndexWriter writer(dir.path() / "db");
  auto add = [&](const std::string& id, const std::string& body) {
    add_document(writer, id, "", body);
  };
  // "the" is in every page but one; "unicorn" in two pages.
  add("unicorn", "A unicorn grazes.");
  add("both", "The horse and the cart, and once a unicorn, in the field.");
  for (int i = 0; i < 120; ++i) {
    add("filler" + std::to_string(i), "The page number " + std::to_string(i) + " of the book.");
  }
  writer.commit();
  Searcher searcher(dir.path() / "db");
  const Results r = searcher.search("the unicorn");
  ASSERT_GE(r.hits.size(), 2u);
  // The page without "the" is in the first tier, and ranks first: it is
  // shorter and "the" weighs little.
  EXPECT_EQ(r.hits[0].id, "unicorn") << r.explanation.parsed;
  EXPECT_TRUE(r.hits[0].all_words);
  EXPECT_TRUE(r.hits[1].all_words);
  for (std::size_t i = 2; i < r.hits.size(); ++i) EXPECT_FALSE(r.hits[i].all_words);
  const auto& lines = r.explanation.expansions;
  EXPECT_NE(std::find(lines.begin(), lines.end(), "every word: all but the common words stem:the"),
            lines.end());
  // A query of common words only still needs them all.
  const Results common = searcher.search("the page");
  for (const Hit& h : common.hits) {
    if (h.id == "unicorn" || h.id == "both") {
      EXPECT_FALSE(h.all_words) << h.id;
    }
  }
}

TEST_F(GradedMatch, RankingParametersOutsideBm25AreRejected) {
  Searcher searcher(db());
  for (auto [k1, b, title, floor] :
       {std::tuple{-1.0, 0.5, 0.0, 0.0}, std::tuple{1.0, 1.5, 0.0, 0.0},
        std::tuple{1.0, 0.5, -2.0, 0.0}, std::tuple{1.0, 0.5, 0.0, 1.5}}) {
    SearchOptions o;
    o.ranking = {k1, b, title, floor};
    EXPECT_SIFT_ERROR(searcher.search("catalog", o), ErrorCode::BadInput,
                      "ranking: k1 and title_weight must be >= 0, b and length_floor in [0, 1]");
  }
}

}  // namespace
}  // namespace sift::testing
