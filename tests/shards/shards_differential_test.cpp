// Differential: corpus/ plus 20,000 generated documents, indexed as one
// index and as 4 shards (written in parallel); 204 queries of every class
// give the same totals, facets, suggestions, ids and scores (within 1e-9);
// synonym and wildcard queries the same matches (see layout_dependent_scores).
// Slow: it indexes 40,000 documents.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "shard_fixtures.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

TEST(ShardsDifferential, TwentyThousandDocumentsOneIndexVersusFourShards) {
  TempDir dir;
  std::vector<Document> docs = corpus_documents();
  std::vector<Document> generated = generated_corpus(20000);
  docs.insert(docs.end(), generated.begin(), generated.end());
  const auto synonyms = corpus_dir() / "synonyms.txt";
  IndexOptions options;
  options.batch_size = 0;
  {
    IndexWriter one(dir / "one", options);
    for (const Document& d : docs) one.add(d);
    one.load_synonyms(synonyms);
    ShardedIndexWriter four(dir / "four", options, {.shards = 4});
    const IndexReport report = four.add_all(docs);
    ASSERT_EQ(report.added, docs.size());
    four.load_synonyms(synonyms);
  }
  Searcher a(dir / "one");
  Searcher b(dir / "four");
  ASSERT_EQ(b.document_count(), 20005u);
  const std::vector<QueryCase> cases = query_mix(docs, 17);
  ASSERT_GE(cases.size(), 200u);
  std::map<std::string, std::size_t> with_hits, with_suggestion;
  std::size_t dependent = 0, dependent_exact = 0;
  for (const QueryCase& c : cases) {
    const Results ra = a.search(c.query, c.options);
    const Results rb = b.search(c.query, c.options);
    // Synonym groups and wildcards: scores are exact only when every word
    // of the group is in every shard (layout_dependent_scores); the
    // matching documents, totals and facets always are.
    expect_same_results(ra, rb, c.label + ": " + c.query, !layout_dependent_scores(c));
    if (layout_dependent_scores(c)) {
      ++dependent;
      bool exact = ra.hits.size() == rb.hits.size();
      for (std::size_t i = 0; exact && i < ra.hits.size(); ++i) {
        exact = std::fabs(ra.hits[i].score - rb.hits[i].score) <= 1e-9;
      }
      if (exact) ++dependent_exact;
    }
    if (!ra.hits.empty()) ++with_hits[c.label];
    if (ra.suggestion) ++with_suggestion[c.label];
  }
  // The mix exercises what it claims to: most classes find documents, and
  // misspellings get suggestions.
  for (const auto& [label, n] : with_hits) {
    if (label != "misspelling") {
      EXPECT_GE(n, 5u) << label;
    }
  }
  EXPECT_GE(with_hits.size(), 11u);
  EXPECT_GE(with_suggestion["misspelling"], 3u);
  std::printf("synonym and wildcard queries with exactly equal scores: %zu of %zu\n",
              dependent_exact, dependent);
  EXPECT_GE(dependent_exact * 10, dependent * 8);  // Rare at this size.
}

}  // namespace
}  // namespace sift::testing
