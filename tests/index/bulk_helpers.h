// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for the bulk build tests: a generated corpus, and a comparison
// of two indexes document by document and query by query.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "index_helpers.h"
#include "sift/searcher.h"

namespace sift::testing {

/// Writes `n` generated news-like documents as JSONL to `file`: ids
/// "g0".."g(n-1)", a title and 1 to 4 paragraphs drawn from a small
/// vocabulary (so words repeat and queries match many documents), sources
/// and dates spread over a few values.  Same seed, same bytes.
inline void write_generated_corpus(const std::filesystem::path& file, std::size_t n,
                                   unsigned seed = 7) {
  static const std::vector<std::string> words = {
      "market",  "shares",  "council", "election", "river",   "bridge",   "storm",    "harvest",
      "school",  "teacher", "railway", "station",  "museum",  "painting", "concert",  "orchestra",
      "city",    "village", "mayor",   "minister", "budget",  "tax",      "hospital", "doctor",
      "running", "runner",  "runs",    "ran",      "quickly", "quick",    "report",   "reports",
      "café",    "naïve",   "Zürich",  "São",      "Paulo",   "energy",   "wind",     "solar",
      "the",     "a",       "of",      "and",      "in",      "to",       "was",      "new"};
  static const std::vector<std::string> sources = {"Daily Post", "Evening Star", "Tribune",
                                                   "Courier"};
  std::mt19937 rng(seed);
  const auto sentence = [&](std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
      if (!out.empty()) out += ' ';
      out += words[rng() % words.size()];
    }
    return out + ".";
  };
  std::ofstream out(file);
  for (std::size_t i = 0; i < n; ++i) {
    std::string body;
    const std::size_t paragraphs = 1 + rng() % 4;
    for (std::size_t p = 0; p < paragraphs; ++p) {
      if (p > 0) body += '\n';
      body += sentence(5 + rng() % 20) + " " + sentence(5 + rng() % 20);
    }
    nlohmann::json doc = {
        {"id", "g" + std::to_string(i)},
        {"title", sentence(3 + rng() % 5)},
        {"body", body},
        {"source", sources[rng() % sources.size()]},
        {"date", "20" + std::to_string(15 + rng() % 10) + "-0" + std::to_string(1 + rng() % 9) +
                     "-1" + std::to_string(rng() % 10)}};
    out << doc.dump() << '\n';
  }
}

/// Everything Xapian stores for one document: data, values, and each term
/// with its wdf and positions.
inline std::string document_dump(const Xapian::Database& db, Xapian::docid did) {
  const Xapian::Document doc = db.get_document(did);
  std::string out = doc.get_data() + "\n";
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
    out += "value " + std::to_string(v.get_valueno()) + "=" + *v + "\n";
  }
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t + " wdf=" + std::to_string(t.get_wdf()) + " pos=";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      out += std::to_string(*p) + ",";
    }
    out += "\n";
  }
  return out;
}

/// Each document of the index at `path`, by id, as document_dump().
inline std::map<std::string, std::string> documents_by_id(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    out[testing::stored_id(db.get_document(*it))] = document_dump(db, *it);
  }
  return out;
}

/// The (id, score) of every hit of `query` (up to the Searcher's largest
/// page), best first, ties by id (the document order, which breaks ties,
/// may differ between equal indexes).
inline std::vector<std::pair<std::string, double>> ranked(Searcher& searcher,
                                                          const std::string& query) {
  SearchOptions options;
  options.limit = 100'000;
  options.snippets = options.facets = options.suggest = false;
  std::vector<std::pair<std::string, double>> out;
  const Results results = searcher.search(query, options);
  for (const Hit& hit : results.hits) out.emplace_back(hit.id, hit.score);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  // Cut off at the Searcher's largest page, the last hits' equal scores
  // were chosen by document order: leave them out.
  if (results.total > out.size() && !out.empty()) {
    const double last = out.back().second;
    while (!out.empty() && out.back().second == last) out.pop_back();
  }
  return out;
}

/// Expects the indexes at `a` and `b` to hold the same documents, byte for
/// byte, the same statistics, spelling and synonym tables and settings, and
/// to answer `queries` with the same hits and scores.
inline void expect_same_index(const std::filesystem::path& a, const std::filesystem::path& b,
                              const std::vector<std::string>& queries) {
  const auto docs_a = documents_by_id(a);
  const auto docs_b = documents_by_id(b);
  ASSERT_EQ(docs_a.size(), docs_b.size());
  for (const auto& [id, dump] : docs_a) {
    const auto it = docs_b.find(id);
    ASSERT_NE(it, docs_b.end()) << "missing " << id;
    EXPECT_EQ(it->second, dump) << id;
  }
  Xapian::Database da(a.string());
  Xapian::Database db(b.string());
  EXPECT_EQ(da.get_total_length(), db.get_total_length());
  std::map<std::string, Xapian::doccount> spell_a, spell_b;
  for (auto it = da.spellings_begin(); it != da.spellings_end(); ++it)
    spell_a[*it] = it.get_termfreq();
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    spell_b[*it] = it.get_termfreq();
  EXPECT_EQ(spell_a, spell_b);
  const std::vector<std::string> syn_a(da.synonym_keys_begin(), da.synonym_keys_end());
  const std::vector<std::string> syn_b(db.synonym_keys_begin(), db.synonym_keys_end());
  EXPECT_EQ(syn_a, syn_b);
  for (auto key = da.metadata_keys_begin(); key != da.metadata_keys_end(); ++key) {
    if (*key == "sift:last_commit") continue;
    EXPECT_EQ(da.get_metadata(*key), db.get_metadata(*key)) << *key;
  }
  Searcher sa(a);
  Searcher sb(b);
  std::size_t hits = 0;
  for (const std::string& query : queries) {
    const auto ra = ranked(sa, query);
    EXPECT_EQ(ra, ranked(sb, query)) << query;
    hits += ra.size();
  }
  EXPECT_GT(hits, 0u) << "the queries match nothing: the comparison would prove nothing";
}

}  // namespace sift::testing
