// SPDX-License-Identifier: GPL-2.0-or-later
// sift::Searcher through the public API: suggestions, snippets, facets,
// sorting, filters, paging caps, errors and reading beside a writer.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "corpus_index.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

std::vector<std::string> ids_of(const Results& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

/// Options that search the query as typed (no auto-correction).
SearchOptions as_typed() {
  SearchOptions o;
  o.auto_correct = false;
  return o;
}

Document doc(const std::string& id, const std::string& body) {
  Document d;
  d.id = id;
  d.title = "Title " + id;
  d.paragraphs = {body};
  return d;
}

// ---------------------------------------------------------------- corpus

class CorpusSearch : public CorpusIndexSuite<> {};

TEST_F(CorpusSearch, SuggestsStoltenbergForStoltenbreg) {
  Searcher s(index());
  const Results r = s.search("Stoltenbreg", as_typed());
  EXPECT_EQ(r.total, 0u);
  EXPECT_FALSE(r.auto_corrected);
  EXPECT_EQ(r.ran, "Stoltenbreg");
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "stoltenberg");
}

TEST_F(CorpusSearch, AutoCorrectShowsTheSuggestionsHitsWhenNoDocumentHasEveryWord) {
  Searcher s(index());
  const Results r = s.search("Stoltenbreg");
  EXPECT_TRUE(r.auto_corrected);
  EXPECT_EQ(r.query, "Stoltenbreg");
  EXPECT_EQ(r.ran, "stoltenberg");
  EXPECT_EQ(r.suggestion.value_or(""), "stoltenberg");
  EXPECT_EQ(r.total, 5u);
  EXPECT_EQ(r.hits.size(), 5u);
  // "goverment spending" shows documents with "spending" (some words),
  // but the suggestion has documents with every word: those win.
  const Results some = s.search("Stoltenbreg Ukraine");
  EXPECT_TRUE(some.auto_corrected);
  EXPECT_EQ(some.ran, "stoltenberg Ukraine");
  ASSERT_FALSE(some.hits.empty());
  for (const Hit& h : some.hits) EXPECT_TRUE(h.all_words) << h.id;
  // A query whose words are all in some document is never replaced.
  const Results right = s.search("Stoltenberg Ukraine");
  EXPECT_FALSE(right.auto_corrected);
  EXPECT_EQ(right.ran, "Stoltenberg Ukraine");
}

TEST_F(CorpusSearch, AWordWithNoCorrectionDoesNotHideTheCorrectionOfAnother) {
  // Neither word is in any document: "zzqxv" has no correction, but
  // "stoltenbreg" has, and the corrected query finds documents with some of
  // its words, so it is offered (and run) rather than nothing at all.
  Searcher s(index());
  const Results typed = s.search("zzqxv Stoltenbreg", as_typed());
  EXPECT_EQ(typed.total, 0u);
  EXPECT_EQ(typed.suggestion.value_or(""), "zzqxv stoltenberg");
  const Results r = s.search("zzqxv Stoltenbreg");
  EXPECT_TRUE(r.auto_corrected);
  EXPECT_EQ(r.ran, "zzqxv stoltenberg");
  ASSERT_EQ(r.hits.size(), 5u);
  for (const Hit& h : r.hits) EXPECT_FALSE(h.all_words) << h.id;
  // When the query as typed finds documents with some of its words, a
  // correction must find more documents with all of them to be offered.
  const Results some = s.search("zzqxv Ukraine Stoltenbreg", as_typed());
  EXPECT_GT(some.total, 0u);
  EXPECT_FALSE(some.suggestion.has_value());
}

TEST_F(CorpusSearch, SuggestionKeepsTheRestOfTheQuery) {
  Searcher s(index());
  const Results r = s.search("Landsbergis Stoltenbreg");
  ASSERT_TRUE(r.suggestion.has_value());
  EXPECT_EQ(*r.suggestion, "Landsbergis stoltenberg");
}

TEST_F(CorpusSearch, NoSuggestionWhenNothingIsMisspelt) {
  Searcher s(index());
  for (const char* q : {"\"the time has come\"", "190-mile", "Seth NEAR Jones", "Stoltenberg",
                        "Landsbergis", "xylophone"}) {
    const Results r = s.search(q);
    EXPECT_FALSE(r.suggestion.has_value()) << q << " -> " << r.suggestion.value_or("");
  }
}

TEST_F(CorpusSearch, NoSuggestionWhenSwitchedOff) {
  Searcher s(index());
  SearchOptions o;
  o.suggest = false;
  EXPECT_FALSE(s.search("Stoltenbreg", o).suggestion.has_value());
}

TEST_F(CorpusSearch, SnippetsMarkTheOriginalCharacters) {
  Searcher s(index());
  const auto hit_for = [&](const char* query, const char* prefix) {
    const Results r = s.search(query);
    for (const auto& h : r.hits) {
      if (h.id == corpus_id(prefix)) return h.snippet;
    }
    ADD_FAILURE() << query << " did not find " << prefix;
    return std::string();
  };
  // Curly apostrophe kept, whole possessive marked.
  EXPECT_NE(hit_for("Kyiv", "004").find("<mark>Kyiv\xE2\x80\x99s</mark>"), std::string::npos);
  // Synonym: Kiev lights up Kyiv.
  EXPECT_NE(hit_for("Kiev", "003").find("<mark>Kyiv</mark>"), std::string::npos);
  // Dotted acronym, marked with its dots.
  EXPECT_NE(hit_for("\"U.S. prohibitions\"", "000").find("<mark>U.S.</mark> <mark>prohibitions"),
            std::string::npos)
      << hit_for("\"U.S. prohibitions\"", "000");
  // A hyphenated word is marked as one word.
  EXPECT_NE(hit_for("Secretary-General", "001").find("<mark>Secretary-General</mark>"),
            std::string::npos)
      << hit_for("Secretary-General", "001");
  // Apostrophes in the text are escaped.
  EXPECT_NE(hit_for("Johnson micromanage", "001").find("Ukraine&#39;s"), std::string::npos)
      << hit_for("Johnson micromanage", "001");
}

TEST_F(CorpusSearch, SnippetIsThePassageWithTheMatches) {
  Searcher s(index());
  const Results r = s.search("Landsbergis Belgorod");
  ASSERT_GE(r.hits.size(), 1u);
  ASSERT_TRUE(r.hits[0].all_words);
  ASSERT_EQ(std::count_if(r.hits.begin(), r.hits.end(), [](const Hit& h) { return h.all_words; }),
            1);
  const std::string& snip = r.hits[0].snippet;
  EXPECT_NE(snip.find("<mark>Landsbergis</mark>"), std::string::npos) << snip;
  EXPECT_NE(snip.find("<mark>Belgorod</mark>"), std::string::npos) << snip;
  EXPECT_LT(snip.size(), 400u) << snip;
  EXPECT_TRUE(snip.starts_with("\xE2\x80\xA6") || snip.ends_with("\xE2\x80\xA6")) << snip;
}

TEST_F(CorpusSearch, ExplanationNamesTheExpansions) {
  Searcher s(index());
  const Results r = s.search("Kiev");
  EXPECT_FALSE(r.explanation.parsed.empty());
  EXPECT_NE(r.explanation.xapian.find("Query("), std::string::npos) << r.explanation.xapian;
  EXPECT_FALSE(r.explanation.expansions.empty());
  EXPECT_GT(r.elapsed.count(), 0);
}

TEST_F(CorpusSearch, CapsOffsetAndLimitWithWarnings) {
  Searcher s(index());
  SearchOptions o;
  o.limit = 5000;
  o.offset = 200000;
  const Results r = s.search("Stoltenberg", o);
  EXPECT_EQ(r.limit, 1000u);
  EXPECT_EQ(r.offset, 100000u);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.total, 5u);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_NE(r.warnings[0].find("offset 200000"), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[1].find("limit 5000"), std::string::npos) << r.warnings[1];
}

TEST_F(CorpusSearch, PagesRankAcrossTheWholeList) {
  Searcher s(index());
  const Results all = s.search("Stoltenberg");
  SearchOptions o;
  o.offset = 2;
  o.limit = 2;
  const Results page = s.search("Stoltenberg", o);
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_EQ(page.hits[0].rank, 3u);
  EXPECT_EQ(page.hits[0].id, all.hits[2].id);
  EXPECT_EQ(page.hits[1].id, all.hits[3].id);
}

TEST_F(CorpusSearch, PlainWordsAreGradedAllWordsFirstThenSomeOfThem) {
  Searcher s(index());
  // No document has both words: both documents with one of them come back,
  // neither marked as having every word, and the explanation says why.
  const Results r = s.search("Landsbergis Ragozin");
  EXPECT_EQ(r.total, 2u);
  ASSERT_EQ(r.hits.size(), 2u);
  for (const Hit& h : r.hits) EXPECT_FALSE(h.all_words) << h.id;
  EXPECT_TRUE(r.warnings.empty());
  ASSERT_FALSE(r.explanation.expansions.empty());
  EXPECT_NE(r.explanation.expansions[0].find("graded"), std::string::npos);
  // One document has both words: it is first, then the rest, and the
  // scores shown are plain BM25 weights (no tier bonus).
  const Results both = s.search("Landsbergis Ukraine");
  ASSERT_GE(both.hits.size(), 2u);
  EXPECT_TRUE(both.hits[0].all_words);
  EXPECT_FALSE(both.hits.back().all_words);
  for (const Hit& h : both.hits) EXPECT_LT(h.score, 1000.0) << h.id;
  // Operators, phrases and fields are taken as written; so is a query
  // with graded matching turned off.
  for (const char* q : {"Landsbergis AND Ragozin", "\"Landsbergis Ragozin\"", "xylophone",
                        "+Landsbergis +Ragozin"}) {
    EXPECT_EQ(s.search(q).total, 0u) << q;
  }
  SearchOptions strict;
  strict.graded = false;
  EXPECT_EQ(s.search("Landsbergis Ragozin", strict).total, 0u);
  // +word is required, the other words optional.
  const Results required = s.search("Landsbergis +Ragozin");
  ASSERT_EQ(required.hits.size(), 1u);
  EXPECT_EQ(required.hits[0].id, corpus_id("001"));
  // Sorted by date, tiers would interleave: all words, else any word with
  // a warning.
  SearchOptions by_date;
  by_date.sort = SortOrder::Date;
  const Results dated = s.search("Landsbergis Ragozin", by_date);
  EXPECT_EQ(dated.total, 2u);
  ASSERT_EQ(dated.warnings.size(), 1u);
  EXPECT_EQ(dated.warnings[0],
            "no document has all of the words; showing documents with any of them");
  // A misspelling in a graded query is still suggested.
  const Results typo = s.search("Landsbergis Stoltenbreg", as_typed());
  EXPECT_EQ(typo.total, 1u);
  EXPECT_EQ(typo.suggestion.value_or(""), "Landsbergis stoltenberg");
}

TEST_F(CorpusSearch, PunctuationSeparatesWordsInsteadOfEmptyingTheQuery) {
  Searcher s(index());
  // Each of these has words that are in some document; none may come back
  // empty, and the document with every word comes first.
  for (const char* q :
       {"Landsbergis/Lithuanian", "Landsbergis, Lithuanian.", "(Landsbergis)",
        "Landsbergis: Lithuanian", "Landsbergis; Lithuanian!", "Landsbergis Lithuanian?"}) {
    const Results r = s.search(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits[0].id, corpus_id("003")) << q;
    EXPECT_TRUE(r.hits[0].all_words) << q;
  }
}

TEST_F(CorpusSearch, OptionLikeMinusAndPlusAreWordsWithAWarning) {
  Searcher s(index());
  // "-r" after a command is an option, not NOT r: the query keeps its
  // other words' documents, and a warning says what was done.
  const Results r = s.search("Stoltenberg -r");
  EXPECT_EQ(r.total, 5u);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("'-r' reads as a command-line option"), std::string::npos)
      << r.warnings[0];
  EXPECT_EQ(s.search("Stoltenberg --help").total, 5u);
  EXPECT_EQ(s.search("Stoltenberg +x").total, 5u);
  // A longer word after '-' is still NOT.
  EXPECT_LT(s.search("Stoltenberg -Ukraine").total, 5u);
}

TEST_F(CorpusSearch, PartialLastWordMatchesTheWordsItBegins) {
  Searcher s(index());
  SearchOptions typing;
  typing.partial_last_word = true;
  typing.auto_correct = false;
  typing.suggest = false;
  SearchOptions typed = typing;
  typed.partial_last_word = false;
  EXPECT_EQ(s.search("Landsberg", typed).total, 0u);
  const Results r = s.search("Landsberg", typing);
  ASSERT_EQ(r.hits.size(), 1u) << r.explanation.xapian;
  EXPECT_EQ(r.hits[0].id, corpus_id("003"));
  // Only the last word, and only while it is being typed.
  EXPECT_EQ(s.search("Landsberg ", typing).total, 0u);
  const Results two = s.search("Landsberg Lithuan", typing);
  EXPECT_TRUE(two.hits.empty() || !two.hits[0].all_words);
}

TEST_F(CorpusSearch, EmptyQueryIsABadQuery) {
  Searcher s(index());
  EXPECT_SIFT_ERROR(s.search("   "), ErrorCode::BadQuery, "");
}

TEST_F(CorpusSearch, DeadlineFarAwayChangesNothing) {
  Searcher s(index());
  SearchOptions o;
  o.deadline = std::chrono::milliseconds(60000);
  const Results r = s.search("Ukraine weapons", o);
  EXPECT_FALSE(r.cut_short);
  EXPECT_EQ(ids_of(r), ids_of(s.search("Ukraine weapons")));
}

// ---------------------------------------------------------------- small JSONL index

class SmallIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    build_jsonl_index(
        dir_.path(),
        R"({"id":"a","title":"First","body":"Ukraine weapons talks","source":"Reuters","date":"2024-05-01"}
{"id":"b","title":"Second","body":"Ukraine aid and weapons","source":"AP","date":"2024-05-20"}
{"id":"c","title":"Third","body":"Ukraine summit","source":"Reuters","date":"2024-06-02"}
{"id":"d","title":"Fourth","body":"Ukraine undated note","source":"AP"}
{"id":"e","title":"Fifth","body":"Ukraine and Z\u00fcrich: <script>alert('x')</script> end","date":"2024-04-10"}
)",
        5);
  }
  std::filesystem::path index() const { return dir_ / "index"; }
  TempDir dir_;
};

TEST_F(SmallIndex, CountsFacetsBySourceAndMonth) {
  Searcher s(index());
  const Results r = s.search("ukraine");
  EXPECT_EQ(r.total, 5u);
  // Most documents first, ties by value.
  const std::vector<FacetValue> sources{{"AP", 2}, {"Reuters", 2}};
  const std::vector<FacetValue> months{{"2024-05", 2}, {"2024-04", 1}, {"2024-06", 1}};
  EXPECT_EQ(r.facets.at("source"), sources);
  EXPECT_EQ(r.facets.at("month"), months);
  // Facets count every match, not just the page shown.
  SearchOptions o;
  o.limit = 1;
  EXPECT_EQ(s.search("ukraine", o).facets.at("source"), sources);
  o.facets = false;
  EXPECT_TRUE(s.search("ukraine", o).facets.empty());
}

TEST_F(SmallIndex, SortsByDateNewestFirstUndatedLast) {
  Searcher s(index());
  SearchOptions o;
  o.sort = SortOrder::Date;
  const Results r = s.search("ukraine", o);
  EXPECT_EQ(ids_of(r), (std::vector<std::string>{"c", "b", "a", "e", "d"}));
  EXPECT_EQ(r.hits[0].date, "2024-06-02");
  EXPECT_EQ(r.hits[0].score, 0.0);
}

TEST_F(SmallIndex, FiltersBySourceAndDate) {
  Searcher s(index());
  auto run = [&](std::vector<Filter> filters) {
    SearchOptions o;
    o.filters = std::move(filters);
    o.sort = SortOrder::Date;
    return ids_of(s.search("ukraine", o));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(run({{"source", "reuters"}}), (V{"c", "a"}));  // case does not matter
  EXPECT_EQ(run({{"source", "AP"}}), (V{"b", "d"}));
  EXPECT_EQ(run({{"date", "2024-05-01..2024-05-31"}}), (V{"b", "a"}));
  EXPECT_EQ(run({{"date", "2024-05"}}), (V{"b", "a"}));
  EXPECT_EQ(run({{"date", "..2024-04-30"}}), (V{"e"}));
  EXPECT_EQ(run({{"date", "2024-06.."}}), (V{"c"}));
  EXPECT_EQ(run({{"source", "AP"}, {"date", "2024"}}), (V{"b"}));
  EXPECT_EQ(run({{"source", "nobody"}}), V{});
}

TEST_F(SmallIndex, FiltersDoNotChangeScores) {
  Searcher s(index());
  SearchOptions o;
  o.filters = {{"source", "Reuters"}};
  const Results filtered = s.search("weapons", o);
  const Results all = s.search("weapons");
  ASSERT_EQ(filtered.hits.size(), 1u);
  const auto it =
      std::find_if(all.hits.begin(), all.hits.end(), [](const Hit& h) { return h.id == "a"; });
  ASSERT_NE(it, all.hits.end());
  EXPECT_DOUBLE_EQ(filtered.hits[0].score, it->score);
}

TEST_F(SmallIndex, RejectsUnknownFilterFieldsAndBadDates) {
  Searcher s(index());
  SearchOptions o;
  o.filters = {{"colour", "x"}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    "unknown filter field 'colour'; use source, author, tags or date");
  o.filters = {{"month", "2024-05"}};  // a facet, not a filter: date:2024-05 is
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery, "unknown filter field 'month'");
  o.filters = {{"date", "May 2024"}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    "bad date filter 'May 2024': not a date 'May 2024'; use YYYY, YYYY-MM or "
                    "YYYY-MM-DD");
  o.filters = {{"date", "2024-06-01..2024-05-01"}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    "bad date filter '2024-06-01..2024-05-01': range start 2024-06-01 is after its "
                    "end 2024-05-01");
  // The calendar is checked, as the query language and ingest check it.
  o.filters = {{"date", "2024-13.."}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    "bad date filter '2024-13..': invalid month 13 in '2024-13'");
  o.filters = {{"date", "2023-02-29"}};
  EXPECT_SIFT_ERROR(s.search("ukraine", o), ErrorCode::BadQuery,
                    "bad date filter '2023-02-29': 2023-02 has no day 29");
}

TEST_F(SmallIndex, SnippetsEscapeHtmlAndMarkFoldedAccents) {
  Searcher s(index());
  const Results r = s.search("zurich");
  ASSERT_EQ(ids_of(r), std::vector<std::string>{"e"});
  const std::string& snip = r.hits[0].snippet;
  EXPECT_NE(snip.find("<mark>Z\xC3\xBCrich</mark>"), std::string::npos) << snip;
  EXPECT_NE(snip.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos)
      << snip;
  EXPECT_EQ(snip.find("<script>"), std::string::npos) << snip;
  EXPECT_EQ(r.hits[0].source, "");
  EXPECT_EQ(r.hits[0].date, "2024-04-10");
}

TEST_F(SmallIndex, ReadsWhileAWriterHoldsTheLockAndSeesItsCommits) {
  Searcher s(index());
  IndexWriter w(index());  // holds the write lock
  EXPECT_EQ(s.search("ukraine").total, 5u);
  w.add(doc("f", "Ukraine again"));
  w.commit();
  EXPECT_EQ(s.search("ukraine").total, 6u);  // reopened before the search
  EXPECT_EQ(s.document_count(), 6u);
}

TEST_F(SmallIndex, SearchesRacingManyCommitsAllSucceed) {
  // Glass keeps two revisions; a reader left behind by two commits gets
  // DatabaseModifiedError, which the Searcher retries after a reopen.
  Searcher s(index());
  std::atomic<bool> done{false};
  std::thread writer([&] {
    IndexWriter w(index());
    for (int i = 0; i < 60; ++i) {
      w.add(doc("extra" + std::to_string(i), "Ukraine extra " + std::to_string(i)));
      w.commit();
    }
    done = true;
  });
  std::size_t last = 0, searches = 0;
  try {
    while (!done || searches < 10) {
      const Results r = s.search("ukraine");
      EXPECT_GE(r.total, last);
      last = r.total;
      ++searches;
    }
  } catch (const Error& e) {
    ADD_FAILURE() << "search " << searches << " racing the commits failed: " << e.what();
  }
  writer.join();
  EXPECT_EQ(s.search("ukraine").total, 65u);
}

// ---------------------------------------------------------------- opening

TEST(SearcherOpen, MissingIndexIsNotFound) {
  TempDir dir;
  const auto path = dir / "nope";
  EXPECT_SIFT_ERROR(Searcher s(path), ErrorCode::NotFound,
                    "cannot open index " + path.string() + ": no such index");
}

TEST(SearcherOpen, FolderWithoutAnIndexIsCorrupt) {
  TempDir dir;
  write_file(dir / "notes.txt", "hello\n");
  EXPECT_SIFT_ERROR(Searcher s(dir.path()), ErrorCode::Corrupt,
                    "cannot open index " + dir.path().string());
}

TEST(SearcherOpen, DamagedIndexIsCorrupt) {
  TempDir dir;
  const auto path = dir / "index";
  {
    IndexWriter w(path);
    w.add(doc("a", "some text"));
  }
  // Overwrite every table file with garbage of the same size.
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.path().extension() == ".glass") {
      write_file(entry.path(), std::string(std::filesystem::file_size(entry.path()), 'x'));
    }
  }
  EXPECT_SIFT_ERROR((void)Searcher(path).search("text"), ErrorCode::Corrupt,
                    ::testing::AllOf(::testing::HasSubstr(path.string()),
                                     ::testing::HasSubstr("the index is damaged; rebuild it")));
}

}  // namespace
}  // namespace sift::testing
