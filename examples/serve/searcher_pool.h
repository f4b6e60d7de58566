// SPDX-License-Identifier: GPL-2.0-or-later
// SearcherPool: one sift::Searcher per polling thread, reopened when the
// index folder is replaced.
//
// Xapian handles must not be shared between threads, so each thread gets
// its own Searcher, opened on its first request and kept for the next.  A
// Searcher reopens to the latest commit on every call, so commits show up
// at once; but an index replaced wholesale (a new folder, or new table
// files) is a different database that reopen() never sees, and the old
// Searcher would keep answering from deleted files.  So every request
// first compares the folder's identity (index_identity.h) with the one
// last seen, and a change retires every Searcher; close_stale(), called
// once a second, closes retired Searchers of idle threads too, so no
// deleted file stays open.
#pragma once

#include <sift/sift.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "index_identity.h"

namespace sift::serve {

/// Thread-safe.  Invariant: a Searcher is used only by its own thread, and
/// closed by another thread only under its slot's mutex.
class SearcherPool {
 public:
  explicit SearcherPool(std::filesystem::path db);

  /// Runs f(searcher) with this thread's Searcher, (re)opened first if the
  /// index was replaced.  On an error that may mean the index went away or
  /// changed under it (NotFound, Corrupt, IO), the Searcher is closed, so
  /// the next call opens the index afresh.
  /// @throws sift::Error from opening or from f.
  template <typename F>
  auto with_searcher(F&& f) {
    notice_replacement();
    Slot& slot = local_slot();
    std::lock_guard lock(slot.mutex);
    const std::uint64_t generation = generation_.load();
    if (slot.searcher && slot.generation != generation) slot.searcher.reset();
    try {
      if (!slot.searcher) {
        slot.searcher = std::make_unique<Searcher>(db_);
        slot.generation = generation;
      }
      return f(*slot.searcher);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::NotFound || e.code() == ErrorCode::Corrupt ||
          e.code() == ErrorCode::IO) {
        slot.searcher.reset();
      }
      throw;
    }
  }

  /// Checks the folder's identity now and closes every Searcher opened
  /// before the last change that no request is using.
  void close_stale();

  /// Searchers open now (for tests and /stats).
  std::size_t open_searchers();

 private:
  struct Slot {
    std::mutex mutex;  // held while the Searcher is in use or being closed
    std::unique_ptr<Searcher> searcher;
    std::uint64_t generation = 0;
  };
  Slot& local_slot();
  void notice_replacement();

  std::filesystem::path db_;
  std::atomic<std::uint64_t> generation_{0};  // grows at each identity change
  std::mutex identity_mutex_;                 // guards identity_
  std::optional<IndexIdentity> identity_;
  std::mutex slots_mutex_;  // guards slots_ (the map, not the Slots)
  std::map<std::thread::id, std::unique_ptr<Slot>> slots_;
};

}  // namespace sift::serve
