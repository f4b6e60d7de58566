// SPDX-License-Identifier: GPL-2.0-or-later
// Shared by the shard tests: a deterministic generated corpus, the query
// mix, result comparison, and xapian-tcpsrv servers that always stop.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sift/sift.h"

namespace sift::testing {

/// `count` documents made from the words of corpus/ (fixed seed, the same
/// on every run and machine): Zipf-like word choice, 8-47 words in each of 1-3
/// paragraphs, one of 5 sources, a date in 2023-2024 (some undated).
std::vector<Document> generated_corpus(std::size_t count, std::uint64_t seed = 20261126);

/// The corpus/ articles as documents.
std::vector<Document> corpus_documents();

/// One query with the options it runs with.
struct QueryCase {
  std::string query;
  SearchOptions options;
  std::string label;  ///< Its class, e.g. "phrase", for failure messages.
};

/// `per_class` queries of each class (words, AND/OR/NOT, phrase, NEAR,
/// wildcard, title:, synonyms, misspellings, filters, date sort), built
/// deterministically from `docs`' words.
std::vector<QueryCase> query_mix(const std::vector<Document>& docs, std::size_t per_class);

/// Expects `b` to equal `a`: totals, facets, suggestion, warnings, and hit
/// by hit the same score (within 1e-9) and document, for every query class
/// (synonym groups and wildcards too: search/query/synonym_tree.h).  Documents
/// with equal scores may come in another order (Xapian breaks ties by
/// internal document number, which differs between layouts), so ids are
/// compared as sets within each run of equal scores; a run cut by the page
/// end is compared by score only.
void expect_same_results(const Results& a, const Results& b, const std::string& what);

/// A xapian-tcpsrv serving `db` on 127.0.0.1 at a free port, in its own
/// process group (its per-connection children too).  The destructor kills
/// the group (SIGCONT then SIGKILL) and reaps it.  While it runs, its
/// process group id is recorded in SIFT_TCPSRV_PID_DIR (if set at build
/// time) so the ctest cleanup fixture can stop it if this process dies.
class TcpServer {
 public:
  explicit TcpServer(const std::filesystem::path& db);
  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  unsigned port() const { return port_; }
  /// "tcp://127.0.0.1:PORT"
  std::string address() const;
  /// SIGSTOP / SIGCONT the whole group (a server that stops answering).
  void pause();
  void resume();
  /// Kills the group now (a server that is down).
  void kill();

 private:
  pid_t pgid_ = -1;
  unsigned port_ = 0;
  std::filesystem::path pid_file_;
};

}  // namespace sift::testing
