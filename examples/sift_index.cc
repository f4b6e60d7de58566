// SPDX-License-Identifier: GPL-2.0-or-later
// sift-index: builds or updates a Sift index from .txt articles and JSONL.
//
//   sift-index --db DIR [--lang LANG] [--keep-accents] [--synonyms FILE]
//              [--prune] [--batch N] [--threads N] [--bulk-memory MB]
//              [--shards N] [--wait-lock SECONDS] PATH...
//   sift-index --db DIR --compact [OUT]
//
// Into a new (or empty) single index, the documents are built in bulk on
// --threads threads and merged into a compact index (IndexWriter's bulk
// build).  A run that changes many documents of any other index
// (at least kCompactMinChanges and a tenth of its documents) goes through
// the incremental writer and then compacts the index in place, so the
// index sift-index leaves is compact either way.
//
// PATH is a file or folder (.txt, .jsonl, .ndjson, .json), or "-" for JSONL
// on standard input.  --db may be left to SIFT_DB.  A --synonyms file is
// checked before anything is written.
//
// With --shards N (or when DIR already holds a sharded index) DIR holds N
// shards written in parallel, one thread each (at most --threads); see
// docs/SCALING.md.  They are compacted, each in place, as a single index is.
// --compact OUT merges DIR (its shards) into one compact index OUT;
// --compact alone compacts DIR (each of its shards) in place.
//
// Exit status: 0 everything indexed; 1 some inputs rejected (the rest
// indexed); 2 usage error (bad option, missing PATH, options that disagree
// with the index, bad synonym file); 3 the index cannot be opened, is
// locked, or writing failed.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "cli_conventions.h"
#include "sift/sift.h"
#include "stdin_documents.h"
#include "synonyms_check.h"

namespace {

enum Exit { kOk = 0, kRejected = 1, kUsage = 2, kIndexFailed = 3 };

// Compacting rewrites the whole index, so it follows only runs that
// changed a large share of it (see the file comment).
constexpr std::size_t kCompactMinChanges = 1000;
constexpr std::size_t kCompactShare = 10;  // 1/10 of the documents.

bool worth_compacting(const sift::IndexReport& report, std::size_t documents) {
  const std::size_t changes = report.added + report.replaced + report.removed;
  return changes >= kCompactMinChanges && changes * kCompactShare >= documents;
}

// Problems with what the user asked for are usage errors; everything else
// (locked, missing, corrupt, I/O) is about the index.
int exit_code_for(const sift::Error& e) {
  switch (e.code()) {
    case sift::ErrorCode::BadInput:
    case sift::ErrorCode::Unsupported:
      return kUsage;
    default:
      return kIndexFailed;
  }
}

// "\r1234 documents, 567 docs/s" on a terminal, at most ten times a second.
class ProgressLine {
 public:
  ProgressLine() : enabled_(sift::cli::styled(stderr)) {}

  void update(std::size_t documents) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    fmt::print(stderr, "\r{} documents, {:.0f} docs/s", documents,
               seconds > 0 ? static_cast<double>(documents) / seconds : 0.0);
    std::fflush(stderr);
    shown_ = true;
  }

  void clear() {
    if (shown_) fmt::print(stderr, "\r\033[K");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
};

}  // namespace

int main(int argc, char** argv) try {
  // Past a file-size limit (ulimit -f) write() then fails with EFBIG, which
  // the writer reports as an IO error naming the index, instead of the
  // process dying of SIGXFSZ with the index half written.
  ::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "Adds .txt articles and JSON documents (.jsonl, .ndjson, .json, or JSONL on "
      "standard input) to a Sift index (created if missing).",
      "sift-index"};
  std::string db;
  std::vector<std::string> inputs;
  std::string synonyms;
  bool prune = false;
  sift::IndexOptions options;
  sift::ShardOptions sharding;
  std::string compact;
  long wait_lock_seconds = 0;
  sift::cli::add_db_option(app, db, "Index folder; created if missing")->required();
  app.add_option("--lang", options.analyzer.language,
                 "Stemming language (english, french, ... or none); fixed when the index is made")
      ->capture_default_str();
  app.add_flag("--keep-accents", options.analyzer.keep_accents,
               "Keep accents (cafe != café); fixed when the index is made");
  app.add_option("-s,--synonyms", synonyms,
                 "Synonym groups to load after indexing (replaces the index's table)")
      ->check(CLI::ExistingFile);
  app.add_option("-w,--wait-lock", wait_lock_seconds,
                 "Wait up to SECONDS (0 to 86400) for another writer's lock instead of "
                 "failing at once")
      ->type_name("SECONDS")
      ->check(sift::cli::whole_number(0, 86400));
  app.add_flag("-p,--prune", prune, "Remove documents whose file under PATH is gone");
  app.add_option("--batch", options.batch_size,
                 "Documents per commit while the index is small (0: commit at the end)")
      ->capture_default_str();
  app.add_option("--max-batch", options.max_batch_size,
                 "Largest batch as the index grows (a batch is 1/64 of the index's documents)")
      ->capture_default_str();
  app.add_option("--shards", sharding.shards,
                 "Write DIR as N shards, in parallel (fixed when DIR is made; an existing "
                 "sharded DIR keeps its count)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--threads", sharding.threads,
                 "Writer threads: for a bulk build (default: the cores), or for shards (default: "
                 "one per shard, at most the cores)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--bulk-memory", options.bulk_memory_mb,
                 "Memory in MB a bulk build (into an empty index) holds before writing out")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{16}, std::size_t{1} << 20));
  auto* compact_option =
      app.add_option("--compact", compact,
                     "Merge DIR (its shards) into one compact index OUT; without OUT, compact DIR "
                     "(each of its shards) in place")
          ->expected(0, 1)
          ->check(CLI::NonexistentPath);
  auto* paths_option =
      app.add_option("PATH", inputs,
                     "Files or folders to index (.txt, .jsonl, .ndjson, .json), or - for JSONL "
                     "on standard input")
          ->check(sift::cli::existing_path_or_stdin());
  compact_option->excludes(paths_option);
  app.footer(
      "Exit status: 0 all indexed, 1 some inputs rejected, 2 usage error, 3 the index cannot be "
      "opened, is locked, or writing failed.");
  sift::cli::add_version_and_env(app, "sift-index");
  if (const int done = sift::cli::parse(app, argc, argv, false, kUsage); done >= 0) return done;

  if (!compact.empty()) {
    sift::compact_index(db, compact);
    fmt::print("compacted {} into {}\n", db, compact);
    return kOk;
  }
  if (compact_option->count() > 0) {
    options.create_if_missing = false;
    sift::IndexWriter writer(db, options);
    writer.compact();
    fmt::print("compacted {} in place{}: {} documents\n", db,
               writer.sharded() ? fmt::format(" ({} shards)", writer.shard_count()) : "",
               writer.document_count());
    return kOk;
  }
  if (inputs.empty()) {
    fmt::print(stderr, "PATH is required\nRun with --help for more information.\n");
    return kUsage;
  }
  // Everything the user gave is checked before the index is opened.
  if (!synonyms.empty()) sift::cli::check_synonyms(synonyms, options.analyzer);
  options.lock_timeout = std::chrono::seconds(wait_lock_seconds);
  options.bulk_threads = sharding.threads;
  std::vector<std::filesystem::path> paths;
  bool from_stdin = false;
  for (const std::string& input : inputs) {
    if (input == sift::cli::kStdinName) {
      from_stdin = true;
    } else {
      paths.emplace_back(input);
    }
  }
  ProgressLine progress;
  const auto on_progress = [&](std::size_t documents) { progress.update(documents); };
  sift::IndexWriter writer(db, options, sharding);
  // A bulk build (IndexWriter::index_paths into an empty plain index)
  // leaves a compact index already; documents from standard input go
  // through add().
  const bool bulk =
      options.bulk_build && !writer.sharded() && writer.document_count() == 0 && !paths.empty();
  sift::IndexReport report = writer.index_paths(paths, prune, {}, on_progress);
  if (from_stdin) sift::cli::add_stdin_documents(writer, report, on_progress);
  progress.clear();
  if (!synonyms.empty()) writer.load_synonyms(synonyms);
  writer.commit();
  const std::size_t documents = writer.document_count();
  if (!bulk && worth_compacting(report, documents)) {
    writer.compact();
    fmt::print("compacted the index\n");
  }

  fmt::print("indexed {} ({} added, {} replaced), unchanged {}, removed {}, rejected {}\n",
             report.added + report.replaced, report.added, report.replaced, report.unchanged,
             report.removed, report.rejected.size());
  for (const sift::Rejection& rejection : report.rejected) {
    fmt::print("rejected: {}\n", rejection.message());
  }
  if (report.kept > 0) {
    fmt::print("kept {} from unreadable sources (not pruned: they may still exist)\n", report.kept);
  }
  if (!synonyms.empty()) fmt::print("synonyms: loaded {}\n", synonyms);
  fmt::print("index {}: {} documents\n", db, documents);
  return report.rejected.empty() ? kOk : kRejected;
} catch (const sift::Error& e) {
  std::fflush(stdout);
  fmt::print(stderr, "sift-index: {}\n", e.what());
  return exit_code_for(e);
} catch (const std::exception& e) {
  fmt::print(stderr, "sift-index: unexpected error: {}\n", e.what());
  return kIndexFailed;
}
