// SPDX-License-Identifier: GPL-2.0-or-later
// The first half of a bulk build: documents -> fresh glass databases
// ("parts"), written by worker threads in parallel.
//
// Each worker has its own Analyzer (not thread-safe) and writes its own
// parts with Xapian::DB_NO_SYNC and add_document: the parts are scratch
// data, merged by Xapian's compactor into the index afterwards (see
// index_swap.h), so they need no durable commits, and their documents are
// new (no lookup by id).
//
// Batches: a worker commits (without sync) once its pending documents hold
// kFlushTextBytes of text, or less when its share of the memory bound is
// smaller.  Xapian's buffer gets slower per document as it grows (one
// thread over news-10000: 26 s of CPU with 1.3 MB batches, 36 s with 5 MB,
// 43 s with 21 MB; 0.5 and 2 MB measured alike within the noise of a
// shared machine), so a larger memory bound does not mean larger batches;
// 1 MB is about 500 news documents and 32 MB of buffer.
// A commit rewrites the B-tree blocks the batch touched, which costs more
// as a database grows, so a worker starts a new part once its part holds
// kPartTextBytes of text: a 1M-document news build (2 GB of text) makes
// about 32 parts, which the compactor merges in a few passes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "index/format/fields.h"
#include "sift/document.h"
#include "sift/index_writer.h"
#include "sift/options.h"

namespace sift::index {

/// Bytes a worker holds per byte of pending document text (Xapian's
/// postings with positions, for exact and stemmed terms, and malloc's
/// overhead), measured as peak RSS on news-10000 (about 30); the memory
/// bound divides by it.
inline constexpr std::size_t kBufferBytesPerTextByte = 32;

/// The largest batch of a worker, in bytes of document text.
inline constexpr std::size_t kFlushTextBytes = std::size_t{1} << 20;

/// Text in one part before a worker starts the next.
inline constexpr std::size_t kPartTextBytes = std::size_t{64} << 20;

/// Documents handed to one worker in a row: document i goes to worker
/// (i / kChunk) % threads, so which part a document lands in, and the
/// document order of the merged index, depend only on the input and the
/// thread count (a document order fixes how equal scores are ranked).
/// One thread, or fewer than kChunk documents, keeps the order of reading.
inline constexpr std::size_t kChunk = 64;

/// Documents queued per worker between the reader and the workers: two
/// chunks, so the reader fills one while the worker takes the other.
inline constexpr std::size_t kQueuedPerWorker = 2 * kChunk;

/// One parallel build into `folder`.  Invariant: between construction and
/// finish(), each part database is used only by the worker that made it.
class BulkBuilder {
 public:
  /// Starts `threads` (>= 1) workers writing parts into `folder` (created,
  /// must not exist), analyzing with `analyzer`; together their pending
  /// documents use about `memory_bytes`.  A part holds about
  /// `part_text_bytes` of text.  `where` names the index in messages.
  /// Documents are checked and built with the field registry `fields`,
  /// which must outlive the builder.
  /// @throws sift::Error(IO) when the folder cannot be made.
  BulkBuilder(const std::filesystem::path& folder, std::string where,
              const AnalyzerOptions& analyzer, std::size_t threads, std::size_t memory_bytes,
              std::size_t part_text_bytes = kPartTextBytes,
              std::span<const format::FieldSpec> fields = format::fields());
  /// Stops the workers (errors swallowed).  The parts stay on disk.
  ~BulkBuilder();
  BulkBuilder(const BulkBuilder&) = delete;
  BulkBuilder& operator=(const BulkBuilder&) = delete;

  /// Queues `doc` (its id must be new to the index and to this build);
  /// waits while the queue is full.  A rejection names doc.path, or doc.id
  /// when it has no path.
  /// @throws the first worker error (not BadInput) once it is seen.
  void push(Document&& doc);

  /// Waits for every queued document and finishes the parts.  Adds the
  /// documents written to report.added and the rejected ones (BadInput) to
  /// report.rejected.  @return the parts, in a fixed order.
  /// @throws the first worker error.
  std::vector<std::filesystem::path> finish(IndexReport& report);

 private:
  struct Worker;
  void work(Worker& worker);
  void fail();
  void stop_all() noexcept;
  void rethrow_failure();

  std::filesystem::path folder_;
  std::string where_;
  std::size_t flush_text_;                     // Pending text bytes per batch.
  std::size_t part_text_;                      // Text bytes per part.
  std::span<const format::FieldSpec> fields_;  // The registry.
  std::size_t pushed_ = 0;                     // Documents pushed so far.
  std::mutex mutex_;
  std::condition_variable changed_;  // A queue or the state changed.
  bool closed_ = false;
  std::exception_ptr failure_;  // Guarded by mutex_.
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace sift::index
