// SPDX-License-Identifier: GPL-2.0-or-later
// Whether an index has a new commit, for less than Database::reopen() costs.
//
// Xapian's reopen() opens, reads and closes each shard's version file on
// every call (three system calls and a path walk), which is a measurable
// share of a short search.  Glass never rewrites its version file in place:
// each commit writes "v.tmp" and renames it over "iamglass".  So while we
// hold the version file we last saw open (its inode cannot be reused then),
// the path still naming that same file proves no commit happened since;
// one stat() per shard tells.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <vector>

#include "search/shards/shard_spec.h"

namespace sift::search {

/// Watches the version files of an index's local glass shards.
///
/// Unwatchable shards (remote ones, single-file databases, anything without
/// an "iamglass" file) make changed() always true, so the caller reopens as
/// before.  Not thread-safe (one per Searcher).
class CommitWatch {
 public:
  /// Watches the shards `specs` (as resolve_shards() gives them).  Nothing
  /// is seen yet: changed() is true until the first mark().
  explicit CommitWatch(const std::vector<ShardSpec>& specs);
  ~CommitWatch();
  CommitWatch(const CommitWatch&) = delete;
  CommitWatch& operator=(const CommitWatch&) = delete;

  /// False only when every shard's version file is still the one held at
  /// the last mark(): then no commit has happened since, and a database
  /// reopened right after that mark() is at the latest revision.
  bool changed() const;

  /// Takes hold of the current version files.  Call it just BEFORE
  /// Database::reopen(): a commit landing between the two is then seen by
  /// the next changed() (an extra reopen, never a stale read).
  void mark();

 private:
  struct Watched {
    std::filesystem::path file;  // SHARD/iamglass
    int fd = -1;                 // The version file held open since mark().
    dev_t device = 0;
    ino_t inode = 0;
  };
  void release() noexcept;

  std::vector<Watched> files_;
  bool watchable_ = true;  // False: some shard cannot be watched.
};

}  // namespace sift::search
