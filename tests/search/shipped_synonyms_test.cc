// SPDX-License-Identifier: GPL-2.0-or-later
// The synonym groups shipped in corpus/synonyms.txt, loaded by the real
// writer: no spelling of any group may make a common word match.  Sift
// folds case and joins dotted letters, so "US" and "U.S." are the word
// "us"; in a group they made "USA" and "United States" find every "us".
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace sift::testing {
namespace {

Document doc(const std::string& id, const std::string& body) {
  Document d;
  d.id = id;
  d.title = "Story " + id;
  d.paragraphs = {body};
  return d;
}

std::set<std::string> ids_for(Searcher& searcher, const std::string& query) {
  SearchOptions options;
  options.limit = 100;
  std::set<std::string> ids;
  for (const Hit& h : searcher.search(query, options).hits) ids.insert(h.id);
  return ids;
}

// Every spelling of every group in the shipped file, as written.
std::vector<std::string> shipped_spellings() {
  std::ifstream in(corpus_dir() / "synonyms.txt");
  std::vector<std::string> spellings;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(' ') == std::string::npos ||
        line[line.find_first_not_of(' ')] == '#')
      continue;
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == ' ') {
        ++i;
      } else if (line[i] == '"') {
        const std::size_t end = line.find('"', i + 1);
        spellings.push_back("\"" + line.substr(i + 1, end - i - 1) + "\"");
        i = end + 1;
      } else {
        const std::size_t end = std::min(line.find(' ', i), line.size());
        spellings.push_back(line.substr(i, end - i));
        i = end;
      }
    }
  }
  return spellings;
}

class ShippedSynonyms : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter writer(dir_ / "db");
    writer.add(doc("pronoun", "Let us know what the allies told us."));
    writer.add(doc("common", "It is up to me, so we go on as he and she do at an inn."));
    writer.add(doc("usa", "The USA pledged more air defence."));
    writer.add(doc("states", "The United States pledged more air defence."));
    writer.add(doc("dotted", "U.S. officials pledged more air defence."));
    writer.load_synonyms(corpus_dir() / "synonyms.txt");
    writer.commit();
  }
  TempDir dir_;
};

TEST_F(ShippedSynonyms, CountryNamesDoNotMatchThePronounUs) {
  Searcher searcher(dir_ / "db");
  EXPECT_EQ(ids_for(searcher, "USA"), (std::set<std::string>{"usa", "states"}));
  EXPECT_EQ(ids_for(searcher, "\"United States\""), std::set<std::string>{"states"});  // exact
  EXPECT_EQ(ids_for(searcher, "United States"), (std::set<std::string>{"usa", "states"}));
}

TEST_F(ShippedSynonyms, NoSpellingFindsCommonWords) {
  Searcher searcher(dir_ / "db");
  const auto spellings = shipped_spellings();
  ASSERT_GT(spellings.size(), 10u);
  for (const std::string& spelling : spellings) {
    const auto ids = ids_for(searcher, spelling);
    EXPECT_FALSE(ids.contains("pronoun")) << spelling << " finds the pronoun \"us\"";
    EXPECT_FALSE(ids.contains("common")) << spelling << " finds a document of common words";
  }
}

}  // namespace
}  // namespace sift::testing
