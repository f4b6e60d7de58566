// SPDX-License-Identifier: GPL-2.0-or-later
// sift-releval-query: answers many queries against one index in one process,
// for the known-item evaluation (bench/relevance/README.md).  sift-search
// takes one query per run, and opening the index thousands of times would
// time the process start instead of the search.
//
//   sift-releval-query --db DIR [--limit N] < queries.txt > answers.jsonl
//
// Reads one query per line (UTF-8) and writes one JSON object per line, in
// the same order: {"ids": [...], "titles": [...], "total": N,
// "warnings": [...], "suggestion": "..."} or {"error": "..."} when Sift
// rejects the query (an empty line is passed to Sift like any other query).
// Uses only the public API (sift/sift.h) with default SearchOptions, except
// that snippets and facets are off: they cost time and do not change the
// ranking.
//
// Exit status: 0 when every line was answered (query errors included),
// 2 for a usage error, 3 when the index cannot be opened.
#include <sift/sift.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace {

constexpr int kUsageError = 2;
constexpr int kIndexError = 3;

nlohmann::json answer(sift::Searcher& searcher, std::string_view query,
                      const sift::SearchOptions& options) {
  nlohmann::json out;
  try {
    const sift::Results r = searcher.search(query, options);
    out["ids"] = nlohmann::json::array();
    out["titles"] = nlohmann::json::array();
    for (const sift::Hit& hit : r.hits) {
      out["ids"].push_back(hit.id);
      out["titles"].push_back(hit.title);
    }
    out["total"] = r.total;
    out["warnings"] = r.warnings;
    if (r.suggestion) out["suggestion"] = *r.suggestion;
  } catch (const sift::Error& e) {
    out["error"] = e.what();
  }
  return out;
}

int usage(const char* argv0) {
  std::cerr << "usage: " << argv0 << " --db DIR [--limit N] < queries.txt\n";
  return kUsageError;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  sift::SearchOptions options;
  options.snippets = false;
  options.facets = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--db" || arg == "--limit") && i + 1 < argc) {
      const char* value = argv[++i];
      if (arg == "--db") {
        db = value;
      } else {
        char* end = nullptr;
        const unsigned long limit = std::strtoul(value, &end, 10);
        if (*value == '\0' || *end != '\0' || limit == 0 || limit > 1000) {
          std::cerr << "--limit: expected a number from 1 to 1000, not \"" << value << "\"\n";
          return kUsageError;
        }
        options.limit = limit;
      }
    } else if (arg == "--help" || arg == "-h") {
      usage(argv[0]);
      return 0;
    } else {
      return usage(argv[0]);
    }
  }
  if (db.empty()) return usage(argv[0]);
  // For choosing the ranking defaults by measurement (README "Ranking"):
  // SIFT_RELEVAL_RANKING="K1 B TITLE_WEIGHT [LENGTH_FLOOR]" overrides
  // SearchOptions::ranking.
  if (const char* ranking = std::getenv("SIFT_RELEVAL_RANKING")) {
    const int read =
        std::sscanf(ranking, "%lf %lf %lf %lf", &options.ranking.k1, &options.ranking.b,
                    &options.ranking.title_weight, &options.ranking.length_floor);
    if (read != 3 && read != 4) {
      std::cerr << "SIFT_RELEVAL_RANKING: expected \"K1 B TITLE_WEIGHT [LENGTH_FLOOR]\", not \""
                << ranking << "\"\n";
      return kUsageError;
    }
  }
  try {
    sift::Searcher searcher(db);
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // Invalid UTF-8 is written as U+FFFD rather than failing the run.
      std::cout << answer(searcher, line, options)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const sift::Error& e) {
    std::cerr << "sift-releval-query: " << db << ": " << e.what() << "\n";
    return kIndexError;
  }
}
