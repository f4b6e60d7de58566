// SPDX-License-Identifier: GPL-2.0-or-later
// Runs sift-search (and hello) as a user would, over an index built by
// running sift-index on corpus/.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

using testing::RunResult;
using testing::TempDir;

std::string program(const char* name) {
  return (testing::binary_dir() / "examples" / name).string();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class SiftSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const std::string corpus = testing::corpus_dir().string();
    const RunResult r = testing::run(
        {program("sift-index"), "--db", db(), "--synonyms", corpus + "/synonyms.txt", corpus});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string db() { return (dir_->path() / "db").string(); }

  static RunResult search(std::vector<std::string> args) {
    args.insert(args.begin(), program("sift-search"));
    return testing::run(args);
  }
  static nlohmann::json search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db(), "--json"});
    const RunResult r = search(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return nlohmann::json::parse(r.out);  // throws (fails the test) unless ONE JSON value
  }
  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> SiftSearch::dir_;

TEST_F(SiftSearch, HumanOutputIsPlainWhenPiped) {
  const RunResult r = search({"--db", db(), "Landsbergis"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("1 result for \"Landsbergis\"")) << r.out;
  EXPECT_TRUE(
      has(r.out, " 1. NATO Debate Intensifies: Allowing Ukraine to Attack Russia from Within"))
      << r.out;
  EXPECT_TRUE(has(r.out, "003_10ab41207cfcd9b5")) << r.out;
  EXPECT_TRUE(has(r.out, "Foreign Minister, Gabrielius Landsbergis, has")) << r.out;
  EXPECT_TRUE(has(r.out, "Lithuania's")) << "entities decoded: " << r.out;
  EXPECT_FALSE(has(r.out, "<mark>")) << r.out;
  EXPECT_FALSE(has(r.out, "\033[")) << "no ANSI codes in a pipe: " << r.out;
  EXPECT_FALSE(has(r.out, "Did you mean")) << r.out;
}

TEST_F(SiftSearch, JoinsQueryWordsAndSaysWhenNothingMatches) {
  RunResult r = search({"--db", db(), "Landsbergis", "AND", "Ragozin"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("No results for \"Landsbergis AND Ragozin\"")) << r.out;
  r = search({"--db", db(), "what", "did", "Lavrov", "say"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "results for \"what did Lavrov say\"")) << r.out;
  EXPECT_TRUE(has(r.out, " 1. NATO chief pushes to let Ukraine")) << "000 has Lavrov: " << r.out;
  EXPECT_TRUE(has(r.out, "-- without some of the words --")) << r.out;
  r = search({"--db", db(), "--all-words", "what", "did", "Lavrov", "say"});
  EXPECT_TRUE(r.out.starts_with("No results for \"what did Lavrov say\"")) << r.out;
}

TEST_F(SiftSearch, QueryWordsMayStartWithADashAndOptionsMayFollow) {
  RunResult r = search({"--db", db(), "Stoltenberg", "-Blinken", "--limit", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("2 results for \"Stoltenberg -Blinken\", showing 1-1")) << r.out;
  r = search({"--db", db(), "--", "-Blinken", "--json"});  // after --, all are words
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("No results for \"-Blinken --json\"")) << r.out;
}

TEST_F(SiftSearch, OffersASpellingSuggestion) {
  RunResult r = search({"--db", db(), "--as-typed", "Stoltenbreg"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "No results for \"Stoltenbreg\"")) << r.out;
  EXPECT_TRUE(has(r.out, "Did you mean: stoltenberg\n")) << r.out;
  // Without --as-typed the correction's results are shown, and it says so.
  r = search({"--db", db(), "Stoltenbreg"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out,
                  "Showing results for \"stoltenberg\"; search instead for "
                  "\"Stoltenbreg\" with --as-typed\n"))
      << r.out;
  EXPECT_TRUE(has(r.out, " 1. ")) << r.out;
}

TEST_F(SiftSearch, LastPrefixFindsTheWordsTheLastWordBegins) {
  RunResult r = search({"--db", db(), "--as-typed", "Landsberg"});
  EXPECT_TRUE(r.out.starts_with("No results")) << r.out;
  r = search({"--db", db(), "--as-typed", "--last-prefix", "Landsberg"});
  EXPECT_TRUE(r.out.starts_with("1 result for \"Landsberg\"")) << r.out;
}

TEST_F(SiftSearch, ExplainShowsTheParsedQueryAndExpansions) {
  const RunResult r = search({"--db", db(), "--explain", "Kiev"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\nParsed:")) << r.out;
  EXPECT_TRUE(has(r.out, "\nXapian:     Query(")) << r.out;
  EXPECT_TRUE(has(r.out, "\nExpansions:\n  ")) << r.out;
}

TEST_F(SiftSearch, JsonHasEveryField) {
  const auto j = search_json({"--limit", "2", "Kiev"});
  EXPECT_EQ(j["query"], "Kiev");
  EXPECT_TRUE(j["explanation"]["parsed"].is_string());
  EXPECT_TRUE(j["explanation"]["xapian"].get<std::string>().starts_with("Query("));
  EXPECT_FALSE(j["explanation"]["expansions"].empty());
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["offset"], 0);
  EXPECT_EQ(j["limit"], 2);
  EXPECT_TRUE(j["suggestion"].is_null());
  EXPECT_EQ(j["warnings"], nlohmann::json::array());
  ASSERT_EQ(j["hits"].size(), 2u);
  const auto& h = j["hits"][0];
  EXPECT_EQ(h["rank"], 1);
  for (const char* key :
       {"id", "title", "title_highlighted", "snippet", "path", "url", "author", "date", "source"}) {
    EXPECT_TRUE(h[key].is_string()) << key;
  }
  EXPECT_GT(h["score"].get<double>(), 0.0);
  EXPECT_EQ(h["keywords"], nlohmann::json::object());  // No keyword field is stored.
  EXPECT_TRUE(has(h["snippet"].get<std::string>(), "<mark>")) << h["snippet"];
  EXPECT_TRUE(has(h["path"].get<std::string>(), "corpus")) << h["path"];
  EXPECT_EQ(j["facets"]["source"]["corpus"], 4);
  EXPECT_TRUE(j["facets"]["month"].is_object());
  EXPECT_GT(j["elapsed_us"].get<long>(), 0);
}

TEST_F(SiftSearch, JsonHitsCarryUrlAuthorAndAHighlightedTitle) {
  const TempDir dir;
  const std::string jsonl = (dir.path() / "news.jsonl").string();
  testing::write_file(jsonl,
                      "{\"id\":\"x1\",\"title\":\"Quokka <census>\",\"url\":\"https://"
                      "example.com/x1\",\"author\":\"Jane Roe\"}\n"
                      "{\"id\":\"x2\",\"title\":\"Wombat census\"}\n");
  const std::string index = (dir.path() / "db").string();
  RunResult r = testing::run({program("sift-index"), "--db", index, jsonl});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = search({"--db", index, "--json", "quokka"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["hits"].size(), 1u);
  const auto& h = j["hits"][0];
  EXPECT_EQ(h["path"], jsonl + ":1");
  EXPECT_EQ(h["url"], "https://example.com/x1");
  EXPECT_EQ(h["author"], "Jane Roe");
  EXPECT_EQ(h["title"], "Quokka <census>");
  EXPECT_EQ(h["title_highlighted"], "<mark>Quokka</mark> &lt;census&gt;");
  // As text: the title plain, the author and the url shown.
  r = search({"--db", index, "quokka"});
  EXPECT_TRUE(has(r.out, " 1. Quokka <census>\n")) << r.out;
  EXPECT_TRUE(has(r.out, "by Jane Roe")) << r.out;
  EXPECT_TRUE(has(r.out, "https://example.com/x1")) << r.out;
  r = search({"--db", index, "wombat"});
  EXPECT_TRUE(has(r.out, jsonl + ":2")) << r.out;
}

TEST_F(SiftSearch, JsonCarriesSuggestionAndWarnings) {
  const auto j = search_json({"--limit", "5000", "--as-typed", "Stoltenbreg"});
  EXPECT_EQ(j["suggestion"], "stoltenberg");
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["auto_corrected"], false);
  EXPECT_EQ(j["hits"], nlohmann::json::array());
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_TRUE(has(j["warnings"][0].get<std::string>(), "limit 5000")) << j["warnings"];
  const auto corrected = search_json({"Stoltenbreg"});
  EXPECT_EQ(corrected["query"], "Stoltenbreg");
  EXPECT_EQ(corrected["ran"], "stoltenberg");
  EXPECT_EQ(corrected["auto_corrected"], true);
  EXPECT_EQ(corrected["total"], 5);
  const auto graded = search_json({"Landsbergis", "Ukraine"});
  ASSERT_GE(graded["hits"].size(), 2u);
  EXPECT_EQ(graded["hits"][0]["all_words"], true);
  EXPECT_EQ(graded["hits"].back()["all_words"], false);
}

TEST_F(SiftSearch, FiltersAndSortFromTheCommandLine) {
  const auto j = search_json({"--filter", "source:corpus", "--sort", "date", "Blinken"});
  EXPECT_EQ(j["total"], 3);
  // Words right after --filter or --db are the query, not more values.
  const auto two = search_json({"--filter", "source:corpus", "Seth", "Jones"});
  EXPECT_EQ(two["query"], "Seth Jones");
  EXPECT_EQ(two["total"], 1);
  const auto none = search_json({"--filter", "source:elsewhere", "Blinken"});
  EXPECT_EQ(none["total"], 0);
}

TEST_F(SiftSearch, QueryErrorsExitTwo) {
  RunResult r = search({"--db", db(), "--filter", "colour:x", "Blinken"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "unknown filter field 'colour'; use source, author, tags or date"))
      << r.err;
  EXPECT_EQ(r.out, "");
  r = search({"--db", db(), "--", "\"\""});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(r.err.starts_with("sift-search: ")) << r.err;
  r = search({"--db", db(), "--filter", "nocolon", "Blinken"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "--filter 'nocolon' is not FIELD:VALUE")) << r.err;
}

TEST_F(SiftSearch, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"Blinken"},
                                               {"--db", db()},
                                               {"--db", db(), "--sort", "size", "x"},
                                               {"--db", db(), "--limit", "-1", "x"},
                                               {"--db", db(), "--bogus", "x"}}) {
    const RunResult r = search(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << "\n" << r.out;
    EXPECT_FALSE(r.err.empty());
  }
  const RunResult help = search({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(has(help.out, "--filter")) << help.out;
}

TEST_F(SiftSearch, MissingIndexExitsThree) {
  TempDir dir;
  const std::string path = (dir / "nope").string();
  const RunResult r = search({"--db", path, "Blinken"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "cannot open index " + path + ": no such index")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(SiftSearch, CorruptIndexExitsThree) {
  TempDir dir;
  testing::write_file(dir / "not-an-index" / "readme.txt", "hello\n");
  RunResult r = search({"--db", (dir / "not-an-index").string(), "Blinken"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "not a Sift index")) << r.err;

  const auto copy = dir / "copy";
  std::filesystem::copy(db(), copy);
  for (const auto& entry : std::filesystem::directory_iterator(copy)) {
    if (entry.path().extension() == ".glass") {
      testing::write_file(entry.path(), std::string(std::filesystem::file_size(entry.path()), 'x'));
    }
  }
  testing::write_file(dir / "file", "not an index\n");
  r = search({"--db", (dir / "file").string(), "Blinken"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(has(r.err, "not a Sift index")) << r.err;

  r = search({"--db", copy.string(), "Blinken"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, copy.string())) << r.err;
  EXPECT_TRUE(has(r.err, "the index is damaged; rebuild it")) << r.err;
  EXPECT_FALSE(has(r.err, "terminate")) << r.err;
}

TEST_F(SiftSearch, SearchesWhileAWriterHoldsTheLock) {
  IndexWriter writer(db());  // the write lock, held by this process
  const RunResult r = search({"--db", db(), "Peskov"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("1 result for \"Peskov\"")) << r.out;
}

TEST(Hello, BuildsAnIndexAndPrintsAHitAsPlainText) {
  const RunResult r = testing::run({program("hello")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "1 hit(s) for \"striking\"")) << r.out;
  // Not a terminal: matched words in brackets, title included; no HTML.
  EXPECT_TRUE(has(r.out, "1. NATO chief backs [strikes] (nato)")) << r.out;
  EXPECT_TRUE(has(r.out, "Kyiv may [strike] targets")) << r.out;
  EXPECT_FALSE(has(r.out, "<mark>")) << r.out;
  EXPECT_FALSE(has(r.out, "&")) << "nothing HTML-escaped: " << r.out;
  EXPECT_FALSE(has(r.out, "\033")) << r.out;
}

// Keyword fields from JSONL through both programs: tags in either JSON
// form, --filter values of one field ORed, --facet printing the counts.
TEST(SiftSearchFields, TagsAndSourcesFromJsonlFilterAndFacet) {
  TempDir dir;
  const auto in = dir.path() / "news.jsonl";
  testing::write_file(
      in,
      R"({"id":"a","body":"grain deal","source":"BBC","author":"Ann Lee","tags":["Climate","Trade"]}
{"id":"b","body":"grain deal","source":"AP","tags":"trade, markets"}
{"id":"c","body":"grain deal","source":"Reuters","tags":"climate"}
)");
  const std::string db = (dir.path() / "db").string();
  const RunResult index = testing::run({program("sift-index"), "--db", db, in.string()});
  ASSERT_EQ(index.exit_code, 0) << index.err;

  const RunResult both = testing::run({program("sift-search"), "--db", db, "--json", "--filter",
                                       "source:BBC", "--filter", "source:AP", "grain"});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const auto j = nlohmann::json::parse(both.out);
  EXPECT_EQ(j["total"], 2);
  // Multi-select: Reuters is still offered, with the one hit it would add.
  EXPECT_EQ(j["facets"]["source"]["Reuters"], 1);
  EXPECT_EQ(j["facets"]["tags"]["Trade"], 1);
  EXPECT_EQ(j["facets"]["author"]["Ann Lee"], 1);

  const RunResult tagged = testing::run(
      {program("sift-search"), "--db", db, "--filter", "tags:trade", "--facet", "tags", "grain"});
  ASSERT_EQ(tagged.exit_code, 0) << tagged.err;
  EXPECT_TRUE(tagged.out.starts_with("2 results for \"grain\"")) << tagged.out;
  // Counts most first, ties by value; the tags facet ignores the tags filter.
  EXPECT_TRUE(
      has(tagged.out, "By tags: Climate (1), Trade (1), climate (1), markets (1), trade (1)\n"))
      << tagged.out;
  EXPECT_FALSE(has(tagged.out, "By source:")) << tagged.out;

  // --facet takes its value wherever it stands among the options.
  const RunResult mixed = testing::run({program("sift-search"), "--db", db, "--facet", "source",
                                        "--filter", "tags:climate", "grain"});
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  EXPECT_TRUE(has(mixed.out, "By source: BBC (1), Reuters (1)\n")) << mixed.out;

  const RunResult query = testing::run({program("sift-search"), "--db", db, "tag:climate"});
  EXPECT_TRUE(query.out.starts_with("2 results for \"tag:climate\"")) << query.out;

  const RunResult bad =
      testing::run({program("sift-search"), "--db", db, "--filter", "date:2025..2024", "grain"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(has(bad.err, "bad date filter '2025..2024': range start 2025 is after its end 2024"))
      << bad.err;
  const RunResult facet =
      testing::run({program("sift-search"), "--db", db, "--facet", "colour", "grain"});
  EXPECT_EQ(facet.exit_code, 2) << facet.out;
  EXPECT_TRUE(has(facet.err, "--facet 'colour' is not a facet; use author, month, source, tags"))
      << facet.err;
}

}  // namespace
}  // namespace sift
