// SPDX-License-Identifier: GPL-2.0-or-later
// IndexWriter: Document -> Xapian index, plain or sharded, with
// add/replace/delete by id.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "sift/export.h"
#include "sift/ingest.h"
#include "sift/options.h"

namespace sift {

/// What add() did with a document.
enum class AddOutcome {
  Added,      ///< New id.
  Replaced,   ///< The id existed with different content.
  Unchanged,  ///< The id existed with the same content hash; nothing written.
};

/// Counts from index_paths().
struct IndexReport {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;  ///< Pruned because their file is gone.
  /// Not pruned although not read this time: their file, or a folder above
  /// it, could not be read (or a line of their JSONL file was rejected), so
  /// they may still exist.  Each such file or folder is in `rejected`.
  std::size_t kept = 0;
  std::vector<Rejection> rejected;  ///< Inputs not indexed, with reasons.
  std::size_t bytes = 0;            ///< Text bytes read.

  /// Counts one IndexWriter::add() outcome.
  void count(AddOutcome outcome) {
    switch (outcome) {
      case AddOutcome::Added:
        ++added;
        break;
      case AddOutcome::Replaced:
        ++replaced;
        break;
      case AddOutcome::Unchanged:
        ++unchanged;
        break;
    }
  }
};

/// Progress callback: documents seen so far.  Called on the writer's thread.
using ProgressFn = std::function<void(std::size_t documents_seen)>;

/// The only writer of one index, plain or sharded (sharding.h).
///
/// Holds Xapian's write lock (of every shard) from construction to
/// destruction; a second writer fails with ErrorCode::Locked.  Not
/// thread-safe: use one writer from one thread (a sharded index's writer
/// runs its own threads in index_paths() and add_all()).  Readers
/// (Searcher) in other threads or processes see each commit atomically;
/// a sharded index commits its shards one after another, so a crash
/// between two leaves them at different commits, each consistent, and
/// running the same indexing again completes it (unchanged documents are
/// skipped by content hash).  The destructor commits pending changes
/// (errors there are swallowed; call commit() to see them).
///
/// After any error but a document's own BadInput (out of memory, a failed
/// write, a damaged index), the changes since the last commit are
/// discarded at once, because Xapian may hold them half made: neither a
/// later commit() nor the destructor writes them, and the index stays at
/// its last commit.  Out of memory is ErrorCode::IO ("out of memory").  A
/// process that writes under a file-size limit (ulimit -f) should ignore
/// SIGXFSZ, as sift-index does, so a write past it fails with IO ("File too
/// large") instead of killing the process.
class SIFT_EXPORT IndexWriter {
 public:
  /// Opens or creates the index at `path`.  A folder holding a sharded
  /// index (is_sharded_index) is opened as one, with its shard count, as
  /// Searcher opens it; otherwise `path` is a plain index, unless
  /// `sharding.shards` asks for a new sharded index there (ShardOptions).
  /// @throws sift::Error Locked (another writer), NotFound (missing and
  /// !create_if_missing), Corrupt (not an index), IO, BadInput (options
  /// disagree with the existing index, unknown language, a shard count
  /// other than the sharded index's, shards asked of a plain index).
  /// Errors of one shard name the shard.
  explicit IndexWriter(const std::filesystem::path& path, const IndexOptions& options = {},
                       const ShardOptions& sharding = {});
  ~IndexWriter();
  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// True for a sharded index.
  bool sharded() const noexcept;

  /// Number of shards: 1 for a plain index.
  std::size_t shard_count() const noexcept;

  /// Adds `doc` to its shard (shard_of), or replaces the document with the
  /// same id.  A document whose content hash equals the stored one is left
  /// alone.  Commits automatically every options.batch_size changes (of
  /// the document's shard).
  /// @throws sift::Error BadInput (empty id, invalid UTF-8), IO.
  AddOutcome add(const Document& doc);

  /// Deletes the document with this id.  @return false if there was none.
  bool remove(std::string_view id);

  /// True if a document with this id is in the index (committed or not).
  bool contains(std::string_view id) const;

  /// Ids of every document, sorted.
  std::vector<std::string> ids() const;

  /// Makes every change so far durable (fsync) and visible to readers.
  void commit();

  /// Replaces the index's synonym table with the groups in `path`: one
  /// group per line, spellings separated by spaces, "quoted" for several
  /// words, '#' comments.  Applied to queries by Searcher.  Every shard
  /// holds the whole table.
  /// @throws sift::Error NotFound, BadInput (naming the line).
  void load_synonyms(const std::filesystem::path& path);

  /// Reads every file under `paths` (see read_path) and adds the documents.
  /// With `prune`, documents that came from files under `paths` but were not
  /// seen this time are removed, except those whose file, or a folder above
  /// it, was rejected this time (unreadable, a folder that cannot be listed,
  /// a JSONL file with a rejected line): those are kept and counted in
  /// IndexReport::kept.  Commits at the end.  Rejections are
  /// collected in the report, never thrown.
  ///
  /// Into an index with no documents (a new one) and with
  /// IndexOptions::bulk_build, this is a bulk build: IndexOptions::bulk_threads
  /// threads analyze and write the documents into temporary databases in a
  /// work folder beside the index (".NAME.sift-work"), without durable
  /// commits, and Xapian's compactor merges them into a new, compact index
  /// that replaces the old one in one atomic step (as compact() does).
  /// Readers see no document until that step and then all of them.  Memory
  /// stays near IndexOptions::bulk_memory_mb, plus about 150 bytes per
  /// document read (the duplicate-id check).  A crash or an error before
  /// the step leaves the index as it was.  Into a non-empty index, every
  /// document goes through add(), with its automatic commits.
  ///
  /// Into a sharded index, files are read on the calling thread and the
  /// documents written through add() by ShardOptions::threads threads,
  /// each owning some shards; there is no bulk build.
  IndexReport index_paths(const std::vector<std::filesystem::path>& paths, bool prune = false,
                          const ReadOptions& read = {}, const ProgressFn& progress = {});

  /// Adds `docs` as index_paths() adds the documents it reads: the first
  /// document with an id wins (later ones are rejected as duplicates),
  /// documents that cannot be indexed are rejected (BadInput, in the
  /// report, never thrown), and into an index with no documents this is a
  /// bulk build (see index_paths()).  Commits at the end.
  /// @throws sift::Error IO and other errors that are not the documents'.
  IndexReport add_all(std::vector<Document> docs);

  /// As add_all(docs), with the documents taken one by one from `next`,
  /// which fills its argument and returns true, or returns false at the
  /// end: a bulk build of many documents need not hold them all.
  IndexReport add_all(const std::function<bool(Document&)>& next);

  /// Documents in the index, including uncommitted changes.
  std::size_t document_count() const;

  /// Commits, then rewrites the index (each shard of a sharded one, one
  /// after another) compactly with Xapian's compactor (no free blocks, full
  /// B-tree pages) and puts the result in its place in one atomic step (per
  /// shard): readers (which reopen on their next search) and a crash at
  /// any moment see either the old index or the compacted one, with the
  /// same documents.  Needs free disk space for a second copy, in
  /// a work folder beside the index; the write lock is held throughout.
  /// @throws sift::Error IO (the index is then unchanged), Corrupt.
  void compact();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift
