// SPDX-License-Identifier: GPL-2.0-or-later
// The shards of one Searcher, and the Database combining those that are up.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "search/shards/shard_spec.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift::search {

/// The shards of one Searcher and the Database combining those that are up.
///
/// Remote failures: Xapian 1.4 fails a whole match when one remote shard
/// fails, without saying which.  After a Xapian::NetworkError, recover()
/// reconnects every remote shard with a fresh connection, in parallel, each
/// bounded by options.remote_timeout, so the failing ones are named.
/// Without options.allow_partial it throws Network naming the first; with
/// it, the shard is left out (warnings() names it) and tried again before
/// each later search.  Not thread-safe (one per Searcher).
class ShardSet {
 public:
  /// Opens every shard.  @throws sift::Error as open_readable_index, and Network
  /// ("shard tcp://127.0.0.1:7000 did not answer within 500 ms") unless
  /// options.allow_partial and at least one shard is up.
  ShardSet(const std::vector<std::string>& inputs, const SearcherOptions& options);
  ~ShardSet();
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;

  /// The shards that are up, combined (Xapian merges their statistics, so
  /// scores equal those of one index of the same documents).  With remote
  /// shards, a small database holding the first shard's synonym table
  /// (synonym_overlay(), remote_synonyms.h) is added last: Xapian 1.4's
  /// remote backend serves no synonyms.
  Xapian::Database combined() const;

  /// The shards that are up, each alone (no overlay): for what Xapian
  /// reads from the first database only, such as metadata.  They share
  /// their state with combined()'s, so reopening that reopens these.
  std::vector<Xapian::Database> databases() const;

  /// After a NetworkError: see the class comment.  @throws sift::Error
  /// Network naming the shard (not partial, or no shard left).
  void recover();

  /// Before a search: tries again the shards that were down.  @return true
  /// if one came back (call combined() again).  @throws sift::Error
  /// Network for a shard still down, unless options.allow_partial.
  bool retry_down();

  /// "shard tcp://... did not answer within 500 ms; results are from the
  /// other 3 of 4 shards" for each shard left out.
  std::vector<std::string> warnings() const;

  /// Sum of the local shards' revisions (remote shards count 0): it grows
  /// with every commit to a local shard.
  std::uint64_t revision() const;

  /// True if any shard is remote.
  bool has_remote() const;

  /// Number of shards (up or down).
  std::size_t size() const { return shards_.size(); }

  /// Closes every connection (SIGPIPE blocked meanwhile).
  void close() noexcept;

 private:
  struct Shard {
    ShardSpec spec;
    std::optional<Xapian::Database> db;  // nullopt while down.
    std::string problem;                 // Why it is down.
  };
  void build_overlay();

  SearcherOptions options_;
  std::vector<Shard> shards_;
  std::optional<Xapian::Database> overlay_;
  std::filesystem::path overlay_dir_;  // Temporary; removed by the destructor.
};

}  // namespace sift::search
