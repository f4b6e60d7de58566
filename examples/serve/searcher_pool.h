// ReaderPool: one IndexReader (and so one sift::Searcher) per worker thread.
//
// Xapian handles must not be shared between threads, so each thread that
// calls local() gets its own reader, opened on its first request and kept
// for the next ones.  Each reader reopens the index to the latest commit on
// every call, so documents committed by sift-index show up without a
// restart.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "index_adapter.h"

namespace sift::serve {

/// Thread-safe.  Invariant: a reader in the map is only ever used by the
/// thread whose id is its key.
class ReaderPool {
 public:
  explicit ReaderPool(std::filesystem::path db) : db_(std::move(db)) {}

  /// The calling thread's reader, opened now if it has none.
  /// @throws sift::Error NotFound, Corrupt, IO when the index cannot be
  /// opened; the next call tries again.
  IndexReader& local();

  /// Drops the calling thread's reader (after an index error), so the next
  /// local() opens the index afresh.
  void discard_local();

  /// Runs f(reader) with this thread's reader; on an error that may mean
  /// the index went away or changed under it (NotFound, Corrupt, IO),
  /// discards the reader before rethrowing.
  template <typename F>
  auto with_reader(F&& f) {
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

  const std::filesystem::path& db() const { return db_; }

 private:
  std::filesystem::path db_;
  std::mutex mutex_;  // guards readers_ (the map, not the readers)
  std::unordered_map<std::thread::id, std::unique_ptr<IndexReader>> readers_;
};

}  // namespace sift::serve
