// SPDX-License-Identifier: GPL-2.0-or-later
// The benchmark suites, registered with Google Benchmark per corpus and
// engine so that Sift and its peers run side by side in one process.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

/// What to run, from sift-bench's own command-line options.
struct Config {
  std::filesystem::path data_dir = "bench-data";  ///< Corpora (NAME.jsonl) and indexes/.
  std::vector<std::string> corpora = {"corpus", "news-10000"};
  std::vector<std::string> engines = {"sift", "xapian", "xapian-stored", "fts5", "clucene"};
  std::vector<int> threads = {1, 2};  ///< Writer threads for the indexing suite.
  std::size_t per_class = 100;        ///< Queries per class.
  std::size_t rounds = 2;             ///< Times each query runs per benchmark.
  std::size_t k = 10;                 ///< Hits fetched per query.
  bool rebuild = false;               ///< Rebuild cached indexes even if present.
};

/// Registers every suite for every corpus and engine in `config`, corpus by
/// corpus (so only one corpus is in memory at a time): analysis, indexing,
/// ids-only queries per class, queries with snippets, suggestions.
void register_suites(const Config& config);

}  // namespace bench
