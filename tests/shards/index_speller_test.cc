// SPDX-License-Identifier: GPL-2.0-or-later
// The spelling corrector for indexes with remote shards
// (lib/search/spelling/index_speller.h): its edit distance and candidate choice.
#include "search/spelling/index_speller.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "util/utf8.h"
#include "xapian.h"

namespace sift::search {
namespace {

unsigned distance(const std::string& a, const std::string& b) {
  return edit_distance(util::to_code_points(a), util::to_code_points(b));
}

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  EXPECT_EQ(distance("", ""), 0u);
  EXPECT_EQ(distance("", "abc"), 3u);
  EXPECT_EQ(distance("abc", ""), 3u);
  EXPECT_EQ(distance("nation", "nation"), 0u);
  EXPECT_EQ(distance("nation", "natoin"), 1u);   // transposition
  EXPECT_EQ(distance("nation", "nations"), 1u);  // insertion
  EXPECT_EQ(distance("nation", "ntion"), 1u);    // deletion
  EXPECT_EQ(distance("nation", "notion"), 1u);   // substitution
  EXPECT_EQ(distance("kitten", "sitting"), 3u);
  EXPECT_EQ(distance("natoin", "notion"), 2u);
  // Restricted (optimal string alignment): a transposed pair is not edited
  // again, as in Xapian's corrector.
  EXPECT_EQ(distance("ca", "abc"), 3u);
  EXPECT_EQ(distance("abc", "ca"), 3u);
}

TEST(EditDistance, CountsCodePointsNotBytes) {
  EXPECT_EQ(util::to_code_points("київ").size(), 4u);
  EXPECT_EQ(distance("київ", "кїив"), 1u);
  EXPECT_EQ(distance("київ", "киев"), 1u);
  EXPECT_EQ(distance("café", "cafe"), 1u);
}

TEST(BetterCandidate, SmallestDistanceThenMostFrequentThenAlphabetical) {
  const SpellingCandidate near_rare{"nations", 1, 2};
  const SpellingCandidate far_common{"notions", 2, 100};
  EXPECT_TRUE(better_candidate(near_rare, far_common));
  EXPECT_FALSE(better_candidate(far_common, near_rare));
  const SpellingCandidate same_distance_common{"nazion", 1, 9};
  EXPECT_TRUE(better_candidate(same_distance_common, near_rare));
  const SpellingCandidate tie_first{"nationa", 1, 2};
  EXPECT_TRUE(better_candidate(tie_first, near_rare));
  EXPECT_FALSE(better_candidate(near_rare, tie_first));
  EXPECT_FALSE(better_candidate(near_rare, near_rare));
}

// An in-memory index holding `terms` (term, occurrences), one document each.
Xapian::WritableDatabase index_of(const std::vector<std::pair<std::string, unsigned>>& terms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& [term, wdf] : terms) {
    Xapian::Document doc;
    doc.add_term(term, wdf);
    db.add_document(doc);
  }
  return db;
}

TEST(CorrectFromIndexWords, PrefersTheClosestWordThenTheMostFrequent) {
  const auto db = index_of({{"nation", 2}, {"notion", 50}, {"nations", 9}, {"nazion", 9}});
  // nation is 1 away, notion 2: distance first, whatever the frequency.
  EXPECT_EQ(correct_from_index_words(db, "natoin", 2), "nation");
  // nationz: nation and nations are both 1 away; nations is more frequent.
  EXPECT_EQ(correct_from_index_words(db, "nationz", 2), "nations");
  // Within 1 of naziona: only nazion.
  EXPECT_EQ(correct_from_index_words(db, "naziona", 1), "nazion");
}

TEST(CorrectFromIndexWords, BreaksTiesAlphabetically) {
  const auto db = index_of({{"nazion", 4}, {"nation", 4}});
  EXPECT_EQ(correct_from_index_words(db, "nafion", 2), "nation");
}

TEST(CorrectFromIndexWords, LooksOnlyAtLetterWords) {
  const auto db = index_of({{"nati0n", 9}, {"Znation", 9}});
  // nati0n is not a word; Znation is a stem term, not a word.
  EXPECT_EQ(correct_from_index_words(db, "natoin", 2), "");
  // Apostrophes belong to words.
  const auto db2 = index_of({{"nation's", 1}});
  EXPECT_EQ(correct_from_index_words(db2, "natoin's", 2), "nation's");
}

TEST(CorrectFromIndexWords, CorrectsATypoInTheFirstLetter) {
  const auto db = index_of({{"nation", 3}, {"ration", 1}, {"zebra", 1}});
  EXPECT_EQ(correct_from_index_words(db, "ation", 1), "nation");    // dropped
  EXPECT_EQ(correct_from_index_words(db, "bation", 1), "nation");   // replaced
  EXPECT_EQ(correct_from_index_words(db, "anation", 1), "nation");  // inserted
  EXPECT_EQ(correct_from_index_words(db, "antion", 1), "nation");   // transposed
  EXPECT_EQ(correct_from_index_words(db, "sebra", 1), "zebra");     // a letter far away
  // Letters of another script are not tried in the first letter's place.
  const auto db2 = index_of({{"\u043dation", 5}});  // Cyrillic en + "ation"
  EXPECT_EQ(correct_from_index_words(db2, "bation", 1), "");
}

TEST(CorrectFromIndexWords, CorrectsAWordOfTheIndexOnlyToAMuchMoreFrequentOne) {
  const auto db = index_of({{"nation", 3}, {"natoin", 5}});
  EXPECT_EQ(correct_from_index_words(db, "natoin", 2), "");
  const auto db2 = index_of({{"nation", 47}, {"natoin", 3}});
  EXPECT_EQ(correct_from_index_words(db2, "natoin", 2), "");  // under 16 times
  const auto db3 = index_of({{"nation", 48}, {"natoin", 3}});
  EXPECT_EQ(correct_from_index_words(db3, "natoin", 2), "nation");
  // A word the index lacks takes any correction.
  const auto db4 = index_of({{"nation", 1}});
  EXPECT_EQ(correct_from_index_words(db4, "natoin", 2), "nation");
}

TEST(CorrectFromIndexWords, RespectsItsLimits) {
  const auto db = index_of({{"nab", 1}, {"nation", 1}, {"nationx", 5}});
  EXPECT_EQ(correct_from_index_words(db, "natoin", 0), "");  // No distance allowed.
  EXPECT_EQ(correct_from_index_words(db, "nb", 1), "");      // Shorter than min_chars.
  IndexSpellerLimits limits;
  limits.max_bytes = 5;
  EXPECT_EQ(correct_from_index_words(db, "natoin", 2, limits), "");  // Too long.
  // Only the first two words of "n..." are scanned: nationx is never seen.
  limits = {};
  limits.max_scanned = 2;
  EXPECT_EQ(correct_from_index_words(db, "natioxn", 2, limits), "nation");
  EXPECT_EQ(correct_from_index_words(db, "natioxn", 2), "nationx");
}

}  // namespace
}  // namespace sift::search
