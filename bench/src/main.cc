// SPDX-License-Identifier: GPL-2.0-or-later
// sift-bench: Sift and its peers side by side.  Own options first (see
// --help), then any Google Benchmark option (--benchmark_filter=...,
// --benchmark_out=FILE --benchmark_out_format=json, ...).
#include <benchmark/benchmark.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "suites.h"

int main(int argc, char** argv) try {
  bench::Config config;
  CLI::App app{"Sift's benchmarks, side by side with raw Xapian, SQLite FTS5 and CLucene"};
  app.footer("Options of Google Benchmark (--benchmark_*) are passed through.");
  app.allow_extras();
  app.add_option("--data", config.data_dir,
                 "folder with NAME.jsonl corpora; indexes go to DATA/indexes")
      ->capture_default_str();
  app.add_option("--corpora", config.corpora, "corpora to run, in order")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--engines", config.engines, "engines to run")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--threads", config.threads, "writer threads for the indexing suite")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--per-class", config.per_class, "queries per class")->capture_default_str();
  app.add_option("--rounds", config.rounds, "times each query runs")->capture_default_str();
  app.add_flag("--rebuild", config.rebuild, "rebuild cached indexes");
  std::size_t flush_threshold = 0;
  app.add_option("--flush-threshold", flush_threshold,
                 "set XAPIAN_FLUSH_THRESHOLD (documents per automatic Xapian flush, default "
                 "10000) for the Xapian-based engines (sift, xapian)");
  CLI11_PARSE(app, argc, argv);

  if (flush_threshold > 0) {
    // Xapian reads it when a WritableDatabase is opened.
    setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush_threshold).c_str(), 1);
  }
  std::vector<std::string> rest = app.remaining();
  std::vector<char*> args = {argv[0]};
  for (auto& arg : rest) args.push_back(arg.data());
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;
  bench::register_suites(config);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
} catch (const std::exception& error) {
  std::cerr << "sift-bench: " << error.what() << '\n';
  return 1;
}
