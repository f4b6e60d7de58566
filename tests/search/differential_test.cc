// SPDX-License-Identifier: GPL-2.0-or-later
// Differential tests on the corpus index, with references that owe nothing
// to Sift's query parser or builder (pisa's test_ranked_queries idea):
//  - ranking: each query written by hand as a plain Xapian::Query over the
//    term layout docs/FORMAT.md documents (Z + stem, exact words, ZS + stem
//    for the title), stemmed by Xapian's own Snowball stemmer, run by a
//    plain Enquire: Sift must return the same ids, order and scores;
//  - matching: which articles hold the query's words (or phrase), found by
//    reading corpus/*.txt in the test, must be the articles Sift finds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "corpus_index.h"
#include "sift/searcher.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::testing {
namespace {

using Q = Xapian::Query;

// The layout of docs/FORMAT.md, spelled here on purpose (it is what the
// test checks): stems carry the prefix Z, title stems ZS, exact words none.
std::string lower(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}
std::string stem(const std::string& word) {
  static const Xapian::Stem english("english");
  return english(lower(word));
}
Q word(const std::string& w) {
  return Q("Z" + stem(w));
}
Q title(const std::string& w) {
  return Q("ZS" + stem(w));
}
Q exact_phrase(const std::vector<std::string>& words) {
  std::vector<Q> terms;
  for (const auto& w : words) terms.emplace_back(lower(w));
  return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(words.size()));
}
Q all(std::initializer_list<Q> qs) {
  return Q(Q::OP_AND, qs.begin(), qs.end());
}
Q any(std::initializer_list<Q> qs) {
  return Q(Q::OP_OR, qs.begin(), qs.end());
}
Q synonyms(std::initializer_list<Q> qs) {
  return Q(Q::OP_SYNONYM, qs.begin(), qs.end());
}
Q but_not(const Q& a, const Q& b) {
  return Q(Q::OP_AND_NOT, a, b);
}

struct RankCase {
  const char* query;
  std::function<Q()> reference;
};

const std::vector<RankCase>& rank_cases() {
  static const std::vector<RankCase> cases = {
      {"NATO", [] { return word("NATO"); }},
      {"Ukraine weapons",
       [] {
         return all({word("Ukraine"), word("weapons")});
       }},
      {"striking Russia",
       [] {
         return all({word("striking"), word("Russia")});
       }},
      {"\"the time has come\"",
       [] {
         return exact_phrase({"the", "time", "has", "come"});
       }},
      {"Blinken OR Biden",
       [] {
         return any({word("Blinken"), word("Biden")});
       }},
      {"Ukraine NOT Blinken", [] { return but_not(word("Ukraine"), word("Blinken")); }},
      {"weapons -Olympics", [] { return but_not(word("weapons"), word("Olympics")); }},
      {"title:NATO", [] { return title("NATO"); }},
      {"title:debate Russia",
       [] {
         return all({title("debate"), word("Russia")});
       }},
      {"missiles (Crimea OR Belgorod)",
       [] {
         return all({word("missiles"), any({word("Crimea"), word("Belgorod")})});
       }},
      {"Macron Germany",
       [] {
         return all({word("Macron"), word("Germany")});
       }},
      {"green light",
       [] {
         return all({word("green"), word("light")});
       }},
      {"allies restrictions lift",
       [] {
         return all({word("allies"), word("restrictions"), word("lift")});
       }},
      // corpus/synonyms.txt: "defence defense".
      {"defence",
       [] {
         return synonyms({word("defence"), word("defense")});
       }},
  };
  return cases;
}

class Differential : public CorpusIndexSuite<> {};

// The id term (Q + id, docs/FORMAT.md) names the document.
std::string id_of(const Xapian::Document& doc) {
  std::string id;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).starts_with("Q")) id = (*t).substr(1);
  }
  return id;
}

/// Sift's hits are the reference's documents, in its order, with its weights.
void expect_same_ranking(const Results& sift, const Xapian::MSet& mset) {
  ASSERT_EQ(sift.hits.size(), mset.size());
  std::size_t i = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
    EXPECT_EQ(sift.hits[i].id, id_of(it.get_document())) << "rank " << i + 1;
    EXPECT_DOUBLE_EQ(sift.hits[i].score, it.get_weight()) << "rank " << i + 1;
    EXPECT_EQ(sift.hits[i].rank, i + 1);
  }
}

/// Sift's options that rank as Xapian's default BM25 (k1 = 1, b = 0.5,
/// length floor 0.5) over the all-words query, with the given title boost.
SearchOptions as_plain_xapian(double title_weight) {
  SearchOptions options;
  options.graded = false;
  options.ranking.k1 = 1.0;
  options.ranking.b = 0.5;
  options.ranking.length_floor = 0.5;
  options.ranking.title_weight = title_weight;
  return options;
}

TEST_F(Differential, SiftRanksAsPlainXapianOnHandWrittenQueries) {
  Searcher searcher(index());
  Xapian::Database db(index().string());
  // No title boost: the references have none.
  const SearchOptions options = as_plain_xapian(/*title_weight=*/0.0);
  std::size_t with_hits = 0;
  for (const RankCase& c : rank_cases()) {
    SCOPED_TRACE(c.query);
    const Results sift = searcher.search(c.query, options);
    Xapian::Enquire enquire(db);
    enquire.set_query(c.reference());
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    expect_same_ranking(sift, mset);
    with_hits += mset.empty() ? 0 : 1;
  }
  // The comparison means something only if most queries find documents.
  EXPECT_GE(with_hits, rank_cases().size() - 2);
}

TEST_F(Differential, TheTitleBoostAddsTheWrittenTitlesTermWeightScaled) {
  // A word's title-term weight, scaled, for documents whose title is not
  // derived (XTITLE:derived, docs/FORMAT.md): 001's title is its lead
  // sentence, which names NATO and Stoltenberg; the others have headlines.
  Searcher searcher(index());
  Xapian::Database db(index().string());
  const SearchOptions options = as_plain_xapian(/*title_weight=*/0.5);
  for (const char* w : {"NATO", "Stoltenberg", "Ukraine"}) {
    SCOPED_TRACE(w);
    const Results sift = searcher.search(w, options);
    Xapian::Enquire enquire(db);
    enquire.set_query(
        any({word(w), Q(Q::OP_SCALE_WEIGHT, but_not(title(w), Q("XTITLE:derived")), 0.5)}));
    expect_same_ranking(sift, enquire.get_mset(0, 10));
  }
}

// ----------------------------------------------------------- brute force

// An article read by the test: its id and its words (title and body),
// lower-cased ASCII runs of letters and digits; Sift's ICU word breaks
// agree with this on the queries below (plain English words).
struct Article {
  std::string id;
  std::vector<std::string> words;
};

std::vector<Article> read_articles() {
  std::vector<Article> out;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    // The articles; synonyms.txt is the synonym file, not an article.
    if (entry.path().extension() != ".txt" || entry.path().filename() == "synonyms.txt") continue;
    Article a;
    a.id = entry.path().stem().string();
    std::string w;
    for (char c : read_file(entry.path()) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!w.empty()) {
        a.words.push_back(w);
        w.clear();
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

bool has_stem(const Article& a, const std::string& w) {
  return std::any_of(a.words.begin(), a.words.end(),
                     [&](const std::string& x) { return stem(x) == stem(w); });
}

bool has_phrase(const Article& a, const std::vector<std::string>& phrase) {
  return std::search(a.words.begin(), a.words.end(), phrase.begin(), phrase.end()) != a.words.end();
}

std::set<std::string> sift_ids(Searcher& searcher, const std::string& query) {
  SearchOptions options;
  options.graded = false;
  options.limit = 100;
  options.snippets = options.facets = options.suggest = false;
  std::set<std::string> ids;
  for (const Hit& h : searcher.search(query, options).hits) ids.insert(h.id);
  return ids;
}

TEST_F(Differential, SiftMatchesWhatReadingTheArticlesFinds) {
  Searcher searcher(index());
  const std::vector<Article> articles = read_articles();
  ASSERT_EQ(articles.size(), 5u);
  std::size_t nonempty = 0, partial = 0;
  auto check = [&](const std::string& query, const std::function<bool(const Article&)>& holds) {
    std::set<std::string> expected;
    for (const Article& a : articles) {
      if (holds(a)) expected.insert(a.id);
    }
    EXPECT_EQ(sift_ids(searcher, query), expected) << query;
    nonempty += expected.empty() ? 0 : 1;
    partial += (!expected.empty() && expected.size() < articles.size()) ? 1 : 0;
  };
  // Every word (stemmed) in the article.
  for (const std::vector<std::string>& words :
       std::vector<std::vector<std::string>>{{"Ukraine"},
                                             {"weapons"},
                                             {"escalating"},
                                             {"Macron", "Germany"},
                                             {"allies", "restrictions"},
                                             {"Blinken"},
                                             {"Olympics"},
                                             {"Belgorod"},
                                             {"green", "light"},
                                             {"territorial", "limits"},
                                             {"xylophone"}}) {
    std::string query;
    for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
    check(query, [&](const Article& a) {
      return std::all_of(words.begin(), words.end(),
                         [&](const std::string& w) { return has_stem(a, w); });
    });
  }
  // Phrases: the exact words, in order.
  for (const std::vector<std::string>& phrase : std::vector<std::vector<std::string>>{
           {"the", "time", "has", "come"}, {"secretary", "of", "state"}, {"western", "allies"}}) {
    std::string query;
    for (const auto& w : phrase) query += (query.empty() ? "" : " ") + w;
    check("\"" + query + "\"", [&](const Article& a) { return has_phrase(a, phrase); });
  }
  // OR and NOT.
  check("Blinken OR Macron",
        [](const Article& a) { return has_stem(a, "blinken") || has_stem(a, "macron"); });
  check("Ukraine -Blinken",
        [](const Article& a) { return has_stem(a, "ukraine") && !has_stem(a, "blinken"); });
  // The comparison means something only if the queries split the corpus.
  EXPECT_GE(nonempty, 10u);
  EXPECT_GE(partial, 6u);
}

}  // namespace
}  // namespace sift::testing
