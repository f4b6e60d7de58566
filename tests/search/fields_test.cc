// SPDX-License-Identifier: GPL-2.0-or-later
// Keyword fields through the public API: tags and author filter and facet,
// filters OR within a field and AND across fields, multi-select facet
// counts, the query language's tag: and date: on the same rule as the
// filters.  The index is built from JSONL by the real IndexWriter.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <algorithm>
#include <string>
#include <vector>

#include "corpus_index.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

std::vector<std::string> ids_of(const Results& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

class KeywordFields : public ::testing::Test {
 protected:
  void SetUp() override {
    build_jsonl_index(
        dir_.path(),
        R"({"id":"a","title":"A","body":"ukraine grain","source":"BBC","author":"Ann Lee","tags":["Climate","Energy"],"date":"2024-05-01"}
{"id":"b","title":"B","body":"ukraine grain","source":"AP","author":"Bo Chen","tags":"energy, markets","date":"2024-05-20"}
{"id":"c","title":"C","body":"ukraine grain","source":"Reuters","author":"Ann Lee","tags":"climate","date":"2024-06-02"}
{"id":"d","title":"D","body":"ukraine grain","source":"AP","date":"2024-06-03"}
{"id":"e","title":"E","body":"other news","source":"BBC","tags":["climate"]}
)",
        5);
  }
  std::filesystem::path index() const { return dir_ / "index"; }

  std::vector<std::string> run(const std::string& query, std::vector<Filter> filters) {
    Searcher s(index());
    SearchOptions o;
    o.limit = 100;
    o.filters = std::move(filters);
    return ids_of(s.search(query, o));
  }

  TempDir dir_;
};

using V = std::vector<std::string>;

TEST_F(KeywordFields, TagsFilterInEitherJsonForm) {
  // "Climate" (array) and "climate" (string) are one tag: case is folded.
  EXPECT_EQ(run("ukraine", {{field::kTags, "climate"}}), (V{"a", "c"}));
  EXPECT_EQ(run("ukraine", {{field::kTags, "ENERGY"}}), (V{"a", "b"}));
  EXPECT_EQ(run("ukraine", {{field::kTags, "markets"}}), (V{"b"}));
  EXPECT_EQ(run("ukraine", {{"tag", "markets"}}), (V{"b"}));  // the query language's name
  EXPECT_EQ(run("ukraine", {{field::kTags, "sport"}}), V{});
}

TEST_F(KeywordFields, AuthorFiltersTheWholeName) {
  EXPECT_EQ(run("ukraine", {{field::kAuthor, "ann lee"}}), (V{"a", "c"}));
  EXPECT_EQ(run("ukraine", {{field::kAuthor, "Ann"}}), V{});  // a keyword, not a word
}

TEST_F(KeywordFields, ValuesOfOneFieldAreOredFieldsAreAnded) {
  EXPECT_EQ(run("ukraine", {{field::kSource, "BBC"}, {field::kSource, "AP"}}), (V{"a", "b", "d"}));
  EXPECT_EQ(
      run("ukraine", {{field::kSource, "BBC"}, {field::kSource, "AP"}, {field::kDate, "2024-05"}}),
      (V{"a", "b"}));
  EXPECT_EQ(
      run("ukraine",
          {{field::kTags, "climate"}, {field::kTags, "markets"}, {field::kSource, "Reuters"}}),
      (V{"c"}));
}

TEST_F(KeywordFields, QueryLanguageFiltersMatchTheApiFilters) {
  EXPECT_EQ(run("ukraine tag:climate", {}), run("ukraine", {{field::kTags, "climate"}}));
  EXPECT_EQ(run("ukraine source:AP date:2024-06", {}),
            run("ukraine", {{field::kSource, "AP"}, {field::kDate, "2024-06"}}));
  EXPECT_EQ(run("tag:climate", {}), (V{"a", "c", "e"}));  // a filter alone matches all it keeps
}

TEST_F(KeywordFields, QueryLanguageDatesSayWhatIsWrong) {
  Searcher s(index());
  const auto warnings = [&](const std::string& q) { return s.search(q).warnings; };
  EXPECT_EQ(warnings("ukraine date:2024-13.."),
            V{"'date:2024-13..': invalid month 13 in '2024-13': ignored"});
  EXPECT_EQ(warnings("ukraine date:2025..2024"),
            V{"'date:2025..2024': range start 2025 is after its end 2024: ignored"});
  EXPECT_EQ(warnings("ukraine date:2023-02-29"),
            V{"'date:2023-02-29': 2023-02 has no day 29: ignored"});
}

TEST_F(KeywordFields, FacetsBySourceAuthorTagsAndMonthMostFirst) {
  Searcher s(index());
  const Results r = s.search("ukraine");
  using F = std::vector<FacetValue>;
  EXPECT_EQ(r.facets.at(field::kSource), (F{{"AP", 2}, {"BBC", 1}, {"Reuters", 1}}));
  EXPECT_EQ(r.facets.at(field::kAuthor), (F{{"Ann Lee", 2}, {"Bo Chen", 1}}));
  // Tags as given (a filter folds case, a facet shows the spelling): a
  // document counts once for each of its tags.
  EXPECT_EQ(r.facets.at(field::kTags),
            (F{{"Climate", 1}, {"Energy", 1}, {"climate", 1}, {"energy", 1}, {"markets", 1}}));
  EXPECT_EQ(r.facets.at(field::kMonth), (F{{"2024-05", 2}, {"2024-06", 2}}));
}

TEST_F(KeywordFields, FacetsAreMultiSelect) {
  Searcher s(index());
  SearchOptions o;
  o.filters = {{field::kSource, "BBC"}};
  const Results r = s.search("ukraine", o);
  EXPECT_EQ(ids_of(r), V{"a"});
  using F = std::vector<FacetValue>;
  // The source facet ignores the source filter: AP's count is still shown.
  EXPECT_EQ(r.facets.at(field::kSource), (F{{"AP", 2}, {"BBC", 1}, {"Reuters", 1}}));
  // Other facets count the filtered results.
  EXPECT_EQ(r.facets.at(field::kAuthor), (F{{"Ann Lee", 1}}));
  EXPECT_EQ(r.facets.at(field::kMonth), (F{{"2024-05", 1}}));

  // Two fields filtered: each facet keeps the other field's filter.
  o.filters = {{field::kSource, "AP"}, {field::kTags, "energy"}};
  const Results both = s.search("ukraine", o);
  EXPECT_EQ(ids_of(both), V{"b"});
  EXPECT_EQ(both.facets.at(field::kSource), (F{{"AP", 1}, {"BBC", 1}}));        // tagged energy
  EXPECT_EQ(both.facets.at(field::kTags), (F{{"energy", 1}, {"markets", 1}}));  // from AP
}

TEST_F(KeywordFields, StoredDocumentKeepsTheTags) {
  Searcher s(index());
  const auto b = s.document("b");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->tags, (V{"energy", "markets"}));
  EXPECT_EQ(s.document("d")->tags, V{});
}

TEST_F(KeywordFields, BadFiltersAreNamed) {
  Searcher s(index());
  SearchOptions o;
  o.filters = {{field::kTags, "  "}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    ::testing::StrEq("empty tags filter '  '; use tags:VALUE"));
}

}  // namespace
}  // namespace sift::testing
