// SPDX-License-Identifier: GPL-2.0-or-later
// Sharded indexes: one logical index split over several Xapian databases,
// written in parallel, searched as one (see docs/SCALING.md).
//
// A sharded index is a folder DIR holding shard-0 ... shard-(N-1), each a
// complete Sift index with the same analyzer settings and synonyms, and a
// Xapian stub file DIR/XAPIANDB listing them, so Searcher(DIR) and every
// Xapian tool (xapian-delve DIR, xapian-compact) open DIR as one database.
// A document lives in exactly one shard, chosen by shard_of(id, N), so
// re-indexing, replacing and deleting by id work as on one index.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "sift/export.h"
#include "sift/index_writer.h"
#include "sift/ingest.h"
#include "sift/options.h"

namespace sift {

/// How a sharded index is written.
struct ShardOptions {
  /// Number of shards; fixed when the sharded index is created.  Opening an
  /// existing one with another count is an error (BadInput).  0 means "use
  /// the existing index's count" (and 1 when creating).
  std::size_t shards = 0;
  /// Writer threads; each owns one or more shards.  0 means one per shard,
  /// capped at std::thread::hardware_concurrency().
  std::size_t threads = 0;
  /// Documents queued per writer thread before the reader waits (memory bound).
  std::size_t queue_depth = 256;
};

/// The shard (0-based) of a document id among `shards` shards: FNV-1a
/// (64-bit) of the id's bytes modulo `shards`.  Stable across runs,
/// machines and versions: changing it would strand documents.
SIFT_EXPORT std::size_t shard_of(std::string_view id, std::size_t shards) noexcept;

/// True if `path` is a folder holding a sharded index (a DIR/XAPIANDB stub).
SIFT_EXPORT bool is_sharded_index(const std::filesystem::path& path);

/// The shard folders of the sharded index at `dir`, in shard order.
/// @throws sift::Error NotFound (no sharded index there), Corrupt (an
/// unreadable stub, a shard that is not under DIR).
SIFT_EXPORT std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir);

/// The writer of a sharded index: one IndexWriter per shard, each driven by
/// one thread, so indexing uses up to ShardOptions::threads cores.
///
/// Holds every shard's write lock from construction to destruction.  Not
/// thread-safe itself: call it from one thread (it runs its own workers).
/// Single-document calls (add, remove) run on the calling thread and are
/// not parallel; index_paths() and add_all() are.  Every commit() commits
/// all shards, one after another: a crash between two shard commits leaves
/// the shards at different commits (each one consistent); re-running the
/// indexing repairs it, because adds are idempotent by content hash.
/// The destructor commits (errors swallowed; call commit() to see them).
class SIFT_EXPORT ShardedIndexWriter {
 public:
  /// Opens or creates the sharded index at `dir`.
  /// @throws sift::Error as IndexWriter's constructor (naming the shard),
  /// and BadInput when `sharding.shards` disagrees with the existing index
  /// or DIR holds a plain (unsharded) index.
  ShardedIndexWriter(const std::filesystem::path& dir, const IndexOptions& options = {},
                     const ShardOptions& sharding = {});
  ~ShardedIndexWriter();
  ShardedIndexWriter(ShardedIndexWriter&&) noexcept;
  ShardedIndexWriter& operator=(ShardedIndexWriter&&) noexcept;
  ShardedIndexWriter(const ShardedIndexWriter&) = delete;
  ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

  /// Number of shards.
  std::size_t shard_count() const noexcept;

  /// As IndexWriter::add, in the document's shard.
  AddOutcome add(const Document& doc);
  /// Adds many documents in parallel (one thread per shard group).  The
  /// first error other than BadInput stops the run and is rethrown; BadInput
  /// documents are returned as rejections.  Does not commit.
  IndexReport add_all(std::vector<Document> docs);
  /// As IndexWriter::remove, in the id's shard.
  bool remove(std::string_view id);
  /// True if the id's shard holds it.
  bool contains(std::string_view id) const;
  /// Ids of every document of every shard, sorted.
  std::vector<std::string> ids() const;
  /// Commits every shard.
  void commit();
  /// Loads the synonym file into every shard (a Searcher reads synonyms
  /// from all local shards, and from the metadata of the first shard when
  /// shards are remote).
  void load_synonyms(const std::filesystem::path& path);
  /// As IndexWriter::index_paths: files are read on the calling thread and
  /// the documents written by the shard threads.  Commits at the end.
  IndexReport index_paths(const std::vector<std::filesystem::path>& paths, bool prune = false,
                          const ReadOptions& read = {}, const ProgressFn& progress = {});
  /// Documents in every shard, uncommitted changes included.
  std::size_t document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Merges the index at `source` (a plain index, a sharded DIR or a stub
/// file; local shards only) into one compact index at `destination` with
/// Xapian's compactor.  Metadata (settings, synonyms) comes from the first
/// shard (they must agree), spellings are summed, synonyms united.  `destination` must not
/// exist.  Documents get new internal numbers; ids are unchanged.
/// @throws sift::Error NotFound (no source), BadInput (destination exists,
/// or a remote shard), Corrupt, IO.
SIFT_EXPORT void compact_index(const std::filesystem::path& source,
                               const std::filesystem::path& destination);

}  // namespace sift
