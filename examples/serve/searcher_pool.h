// SPDX-License-Identifier: GPL-2.0-or-later
// SearcherPool: one sift::Searcher per worker thread.
//
// Xapian handles must not be shared between threads, so each thread that
// calls local() gets its own Searcher, opened on its first request and
// kept for the next ones.  A Searcher reopens the index to the latest
// commit on every call, so documents committed by sift-index show up
// without a restart.
#pragma once

#include <sift/sift.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace sift::serve {

/// Thread-safe.  Invariant: a Searcher in the map is only ever used by the
/// thread whose id is its key.
class SearcherPool {
 public:
  explicit SearcherPool(std::filesystem::path db) : db_(std::move(db)) {}

  /// The calling thread's Searcher, opened now if it has none.
  /// @throws sift::Error NotFound, Corrupt, IO when the index cannot be
  /// opened; the next call tries again.
  Searcher& local();

  /// Drops the calling thread's Searcher (after an index error), so the
  /// next local() opens the index afresh.
  void discard_local();

  /// Runs f(searcher) with this thread's Searcher; on an error that may
  /// mean the index went away or changed under it (NotFound, Corrupt, IO),
  /// discards the Searcher before rethrowing.
  template <typename F>
  auto with_searcher(F&& f) {
    try {
      return f(local());
    } catch (const Error& e) {
      if (e.code() == ErrorCode::NotFound || e.code() == ErrorCode::Corrupt ||
          e.code() == ErrorCode::IO) {
        discard_local();
      }
      throw;
    }
  }

 private:
  std::filesystem::path db_;
  std::mutex mutex_;  // guards searchers_ (the map, not the Searchers)
  std::unordered_map<std::thread::id, std::unique_ptr<Searcher>> searchers_;
};

}  // namespace sift::serve
