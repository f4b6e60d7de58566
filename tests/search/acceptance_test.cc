// SPDX-License-Identifier: GPL-2.0-or-later
// Acceptance table: queries over corpus/ and the articles each must and
// must not return, written by reading the five articles (ids are their
// three-digit prefixes here).
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "corpus_index.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

struct Case {
  const char* query;
  std::vector<std::string> must;      ///< Articles that must be hits.
  std::vector<std::string> must_not;  ///< Articles that must not be hits.
  const char* first = nullptr;        ///< The article ranked first, when clear.
  const char* why = "";
};

/// Shows the query, not the struct's bytes, in test listings.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.query;
}

const std::vector<std::string> kAll = {"000", "001", "002", "003", "004"};

const Case kCases[] = {
    // Names that occur in one or a few articles.
    {"Landsbergis", {"003"}, {"000", "001", "002", "004"}, "003", "Lithuanian minister"},
    {"Ragozin", {"001"}, {"000", "002", "003", "004"}, "001", "the quoted tweet"},
    {"Peskov", {"004"}, {"000", "001", "002", "003"}, "004", "Kremlin spokesman"},
    {"Blinken", {"000", "003", "004"}, {"001", "002"}, nullptr, "Secretary of State"},
    {"Lavrov", {"000"}, {"001", "002", "003", "004"}, "000", ""},
    {"kirby", {"002", "004"}, {"000", "001", "003"}, nullptr, "lower case"},
    {"KOFFLER", {"003"}, {"000", "001", "002", "004"}, "003", "upper case"},
    {"Sholz", {"003"}, {"000", "001", "002", "004"}, "003", "misspelt in the article itself"},
    {"Macron", {"001", "002", "003", "004"}, {"000"}, nullptr, "possessive Macron's in 001"},
    {"Stoltenberg", kAll, {}, "000", "five mentions in 000"},
    {"Estonia", {"001"}, {"000", "002", "003", "004"}, "001", ""},
    {"Icebreaker", {"004"}, {"000", "001", "002", "003"}, "004", "a stray headline"},
    {"UNCG", {"004"}, {"000", "001", "002", "003"}, "004", "author bio"},
    {"Belgorod", {"001", "003"}, {"000", "002", "004"}, nullptr, ""},
    {"Kharkiv", {"001", "002", "003"}, {"000", "004"}, nullptr, ""},
    {"Putin", {"002", "003", "004"}, {"000", "001"}, nullptr, ""},
    {"John Kirby", {"002", "004"}, {"000", "001", "003"}, nullptr, "two words, ANDed"},
    // Phrases, with straight and typographic quotes.
    {"\"the time has come\"", {"000", "001"}, {"002", "003", "004"}, nullptr, "stopwords kept"},
    {"\xE2\x80\x9Cthe time has come\xE2\x80\x9D",
     {"000", "001"},
     {"002", "003", "004"},
     nullptr,
     "curly quotes"},
    {"\"Storm Shadow\"", {"002"}, {"000", "001", "003", "004"}, "002", ""},
    // A quoted phrase is exact, but a word also matches its possessive:
    // 001's "White House's" is found.  ~"..." matches the phrase on stems.
    {"\"White House\"", {"000", "001", "003"}, {"002", "004"}, nullptr, "possessive"},
    {"\"military target\"", {}, kAll, nullptr, "exact forms: only 'military targets'"},
    {"~\"military target\"", {"001", "003"}, {"000", "002", "004"}, nullptr, "stemmed phrase"},
    {"~\"White House\"", {"000", "001", "003"}, {"002", "004"}, nullptr, "White House's in 001"},
    {"\"green light\"", {"000", "003"}, {"001", "002", "004"}, nullptr, "002 has greenlight"},
    {"greenlight", {"002"}, {"000", "001", "003", "004"}, "002", "one word is not the phrase"},
    {"\"Russia Stoltenberg\"", {}, kAll, nullptr, "words present, phrase absent"},
    // Stemmed forms.
    {"striking", {"000", "001", "003", "004"}, {"002"}, nullptr, "strike, strikes, striking"},
    {"escalations", {"000", "002", "003", "004"}, {"001"}, nullptr, "escalation(s), escalate"},
    {"meetings", {"000", "004"}, {"001", "002", "003"}, nullptr, "meeting"},
    // Hyphens, acronyms and numbers.
    {"Secretary-General", {"001"}, {}, nullptr, "hyphenated in 001 only"},
    {"\"U.S. prohibitions\"", {"000"}, {"001", "002", "003", "004"}, "000", "dotted acronym"},
    {"190-mile", {"001"}, {"000", "002", "003", "004"}, "001", ""},
    {"F-16", {"002"}, {"000", "001", "003", "004"}, "002", ""},
    {"f16", {"002"}, {"000", "001", "003", "004"}, "002", "joined form"},
    {"ATACMS", {"000", "001"}, {"002", "003", "004"}, nullptr, ""},
    {"self-defence", {"000"}, {"004"}, nullptr, "hyphenated, British spelling"},
    // Apostrophes.
    {"Kyiv\xE2\x80\x99s", {"000", "004"}, {}, nullptr, "curly apostrophe"},
    // Cyrillic in both cases: 001 has "Leonid ХВ Ragozin" (U+0425 U+0412).
    {"\xD0\xA5\xD0\x92", {"001"}, {"000", "002", "003", "004"}, "001", "upper case"},
    {"\xD1\x85\xD0\xB2", {"001"}, {"000", "002", "003", "004"}, "001", "lower case"},
    {"\"Leonid \xD0\xA5\xD0\x92 Ragozin\"",
     {"001"},
     {"000", "002", "003", "004"},
     "001",
     "mixed-script phrase"},
    // Synonyms (corpus/synonyms.txt).
    {"Kiev", {"000", "001", "003", "004"}, {"002"}, nullptr, "Kyiv in 000, 003, 004"},
    {"Kyiv", {"000", "001", "003", "004"}, {"002"}, nullptr, "Kiev in 001"},
    {"\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2", {"000", "001", "003", "004"}, {"002"}, nullptr, "Киев"},
    {"defence", {"000", "001", "002", "003"}, {"004"}, nullptr, "004 only has defend"},
    {"defense", {"000", "001", "002", "003"}, {"004"}, nullptr, ""},
    {"Zelenskyy", {"002"}, {"000", "001", "003", "004"}, "002", "spelt Zelensky in 002"},
    // Operators.
    {"Stoltenberg NOT Blinken", {"001", "002"}, {"000", "003", "004"}, nullptr, ""},
    {"Stoltenberg -Blinken", {"001", "002"}, {"000", "003", "004"}, nullptr, ""},
    {"Lavrov OR Landsbergis", {"000", "003"}, {"001", "002", "004"}, nullptr, ""},
    {"\"Secretary of State\" NEAR Blinken",
     {"000", "003", "004"},
     {"001", "002"},
     nullptr,
     "NEAR with a phrase"},
    {"Seth NEAR Jones", {"004"}, {"000", "001", "002", "003"}, "004", ""},
    {"Landsb*", {"003"}, {"000", "001", "002", "004"}, "003", "prefix"},
    {"cyber*", {"003"}, {"000", "001", "002", "004"}, "003", "cyberattacks"},
    {"title:debate", {"003"}, {"000", "001", "002", "004"}, "003", ""},
    {"title:meeting", {"004"}, {"000", "001", "002", "003"}, "004", "000 has it in the body"},
    {"weapons Olympics", {"004"}, {"000", "001", "002", "003"}, "004", ""},
    // Nothing to find.
    {"xylophone", {}, kAll, nullptr, ""},
    {"Stoltenbreg", kAll, {}, "000", "auto-corrected to stoltenberg (see the suggestion test)"},
    {"Landsbergis AND Ragozin", {}, kAll, nullptr, "in different articles"},
    // Plain words that no article has together: articles with any of them.
    {"Landsbergis Ragozin", {"001", "003"}, {"000", "002", "004"}, nullptr, "relaxed to OR"},
    {"what did Lavrov say", {"000"}, {}, "000", "a question, relaxed; 000 has Lavrov"},
};

class Acceptance : public CorpusIndexSuite<::testing::TestWithParam<Case>> {};

TEST_P(Acceptance, ReturnsWhatTheArticlesSay) {
  const Case& c = GetParam();
  Searcher searcher(index());
  SearchOptions options;
  options.limit = 20;
  const Results r = searcher.search(c.query, options);
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  auto has = [&](const std::string& prefix) {
    return std::find(ids.begin(), ids.end(), corpus_id(prefix)) != ids.end();
  };
  std::string got;
  for (const auto& id : ids) got += id.substr(0, 3) + " ";
  SCOPED_TRACE(std::string("query: ") + c.query + " (" + c.why + "); hits: " + got +
               "; parsed: " + r.explanation.parsed);
  // A graded query also returns documents with some of its words, after
  // those with all of them: `must_not` are articles without every word.
  std::vector<std::string> all_words;
  for (const auto& h : r.hits) {
    if (h.all_words) all_words.push_back(h.id);
  }
  auto has_all = [&](const std::string& prefix) {
    return std::find(all_words.begin(), all_words.end(), corpus_id(prefix)) != all_words.end();
  };
  for (const auto& m : c.must) EXPECT_TRUE(has(m)) << "missing " << m;
  for (const auto& m : c.must_not) EXPECT_FALSE(has_all(m)) << "unexpected " << m;
  if (c.first) {
    ASSERT_FALSE(ids.empty());
    EXPECT_EQ(ids.front(), corpus_id(c.first));
  }
  EXPECT_EQ(r.total, ids.size()) << "the total counts the hits exactly on five articles";
}

/// "q12_Secretary_General": the index, then the query's ASCII letters and
/// digits (runs of anything else become one '_').
std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = "q" + std::to_string(info.index) + "_";
  for (const char* p = info.param.query; *p; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (std::isalnum(c)) {
      name += static_cast<char>(c);
    } else if (name.back() != '_') {
      name += '_';
    }
  }
  if (name.back() == '_') name.pop_back();
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Acceptance, ::testing::ValuesIn(kCases), case_name);

static_assert(std::size(kCases) >= 40, "the acceptance table keeps at least forty queries");

}  // namespace
}  // namespace sift::testing
